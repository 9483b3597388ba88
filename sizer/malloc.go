package sizer

// Constants of the Go heap allocator. They are the same on every 32- and
// 64-bit port and were unchanged between Go 1.22 and Go 1.26.
const (
	// mallocHeaderSize is the per-object header that records the type of a
	// pointerful object too large to keep its pointer bitmap in its span
	// (internal/runtime/gc/malloc.go, runtime/mbitmap.go before Go 1.25).
	mallocHeaderSize = 8
	// maxSmallSize is the largest object served from a size class
	// (internal/runtime/gc/sizeclasses.go).
	maxSmallSize = 32768
	// pageSize is the unit large objects are rounded up to
	// (internal/runtime/gc/malloc.go: PageSize = 1 << PageShift).
	pageSize = 8192
	// maxTinySize bounds the tiny allocator, which packs pointer-free
	// objects smaller than this into shared 16-byte blocks (runtime/malloc.go).
	maxTinySize = 16
)

// sizeClassToSize lists the object size of every small size class
// (internal/runtime/gc/sizeclasses.go: SizeClassToSize; runtime/sizeclasses.go
// class_to_size before Go 1.25).
var sizeClassToSize = [...]int64{0, 8, 16, 24, 32, 48, 64, 80, 96, 112, 128, 144, 160, 176, 192, 208, 224, 240, 256, 288, 320, 352, 384, 416, 448, 480, 512, 576, 640, 704, 768, 896, 1024, 1152, 1280, 1408, 1536, 1792, 2048, 2304, 2688, 3072, 3200, 3456, 4096, 4864, 5376, 6144, 6528, 6784, 6912, 8192, 9472, 9728, 10240, 10880, 12288, 13568, 14336, 16384, 18432, 19072, 20480, 21760, 24576, 27264, 28672, 32768}

// minSizeForMallocHeader is the size above which a pointerful object carries
// a malloc header: goarch.PtrSize * goarch.PtrBits, 512 bytes on 64-bit and
// 128 bytes on 32-bit ports (internal/runtime/gc/malloc.go).
func minSizeForMallocHeader(ptrSize int64) int64 { return ptrSize * ptrSize * 8 }

// object is one heap allocation as mallocgc (runtime/malloc.go) performs it.
type object struct {
	size   int64 // bytes requested
	header bool  // carries a malloc header
	bytes  int64 // bytes taken from the heap: size class or whole pages
}

// mallocgc mirrors how runtime/malloc.go:mallocgc sizes an allocation of
// size bytes; scan says whether the object holds pointers.
func mallocgc(size int64, scan bool, ptrSize int64) object {
	o := object{size: size}
	switch {
	case size == 0:
		// Zero-sized allocations return &zerobase and allocate nothing.
	case size <= maxSmallSize-mallocHeaderSize:
		req := size
		if scan && size > minSizeForMallocHeader(ptrSize) { // !heapBitsInSpan(size)
			o.header = true
			req += mallocHeaderSize
		}
		o.bytes = roundupsize(req)
	default:
		// mallocgcLarge: whole pages, with the type kept in the span.
		o.bytes = (size + pageSize - 1) / pageSize * pageSize
	}
	return o
}

// roundupsize returns the size class a small request of size bytes lands in
// (runtime/msize.go, without the header bookkeeping done by mallocgc above).
func roundupsize(size int64) int64 {
	// The table is short and sorted; a binary search keeps this O(log 68).
	lo, hi := 1, len(sizeClassToSize)-1
	for lo < hi {
		mid := (lo + hi) / 2
		if sizeClassToSize[mid] >= size {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return sizeClassToSize[lo]
}

// rounding is what size-class or page rounding adds to o.
func (o object) rounding() int64 {
	if o.bytes == 0 {
		return 0
	}
	r := o.bytes - o.size
	if o.header {
		r -= mallocHeaderSize
	}
	return r
}

// heap tallies allocations: everything allocated while filling a map, and
// separately the objects that stay reachable.
type heap struct {
	ptrSize       int64
	allocBytes    int64
	mallocs       int64
	liveBytes     int64
	liveObjects   int64
	rounding      int64 // of live objects
	mallocHeaders int64 // of live objects
}

// alloc records count allocations of size bytes, live or not.
func (h *heap) alloc(size int64, scan bool, count int64) {
	o := mallocgc(size, scan, h.ptrSize)
	if o.bytes == 0 || count <= 0 {
		return
	}
	h.allocBytes += o.bytes * count
	h.mallocs += count
}

// live records that count objects of size bytes, already recorded by
// alloc, stay reachable.
func (h *heap) live(size int64, scan bool, count int64) {
	o := mallocgc(size, scan, h.ptrSize)
	if o.bytes == 0 || count <= 0 {
		return
	}
	h.liveBytes += o.bytes * count
	h.liveObjects += count
	h.rounding += o.rounding() * count
	if o.header {
		h.mallocHeaders += mallocHeaderSize * count
	}
}

// keep records count allocations that stay live.
func (h *heap) keep(size int64, scan bool, count int64) {
	h.alloc(size, scan, count)
	h.live(size, scan, count)
}

// tinyAllocs records count live pointer-free objects smaller than
// maxTinySize, which mallocgcTiny (runtime/malloc.go) packs into shared
// 16-byte blocks aligned to the object's size.
func (h *heap) tinyAllocs(size int64, count int64) {
	align := int64(1)
	switch {
	case size&7 == 0:
		align = 8
	case size&3 == 0:
		align = 4
	case size&1 == 0:
		align = 2
	}
	perBlock := maxTinySize / alignUp(size, align)
	blocks := (count + perBlock - 1) / perBlock
	h.allocBytes += blocks * maxTinySize
	h.mallocs += count
	h.liveBytes += blocks * maxTinySize
	h.liveObjects += count
	h.rounding += blocks*maxTinySize - size*count
}

func alignUp(n, a int64) int64 {
	if a <= 1 {
		return n
	}
	return (n + a - 1) / a * a
}
