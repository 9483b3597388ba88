// Package precision_installedbeforesend is a client stream after grpc's
// ext_proc filter: Trailer installs the backend's trailers in the stream
// and builds a request from them before it sends the request to the
// goroutine that talks to the external processor; that goroutine marks
// the trailers sent, and the receiving goroutine applies the processor's
// mutations to the trailers only once they are marked sent. Trailer's
// read of the map it has just installed comes before the send that hands
// the stream on; the mutations come after it.
package precision_installedbeforesend

import (
	"sort"
	"sync"
	"sync/atomic"
)

type request struct {
	headers  []string
	trailers bool
}

type response struct {
	mutations map[string]string
}

// backend is the dataplane stream.
type backend struct {
	trailer map[string]string
}

func (b *backend) Trailer() map[string]string { return b.trailer }

// Stream forwards a call's trailers to an external processor.
type Stream struct {
	backend     *backend
	trailers    map[string]string
	sendCh      chan *request
	toProc      chan *request
	fromProc    chan *response
	trailerSent atomic.Bool
	trailerOnce atomic.Bool
	ready       chan struct{}
	done        chan struct{}
}

// NewStream starts the stream's loops.
func NewStream(b *backend) *Stream {
	s := &Stream{
		backend:  b,
		sendCh:   make(chan *request),
		toProc:   make(chan *request),
		fromProc: make(chan *response),
		ready:    make(chan struct{}),
		done:     make(chan struct{}),
	}
	go s.sendLoop()
	go processor(s.toProc, s.fromProc)
	go s.recvLoop()
	return s
}

func (s *Stream) sendLoop() {
	defer close(s.toProc)
	for req := range s.sendCh {
		if req.trailers {
			s.trailerSent.Store(true)
		}
		s.toProc <- req
	}
}

// processor is the external processor: it adds a header to each message.
func processor(in <-chan *request, out chan<- *response) {
	defer close(out)
	for range in {
		out <- &response{mutations: map[string]string{"x-processed": "1"}}
	}
}

func (s *Stream) recvLoop() {
	defer close(s.done)
	for resp := range s.fromProc {
		s.handle(resp)
	}
}

func (s *Stream) handle(resp *response) {
	if s.trailerSent.Load() {
		applyMutations(resp.mutations, s.trailers)
		close(s.ready)
	}
}

func applyMutations(mutations, md map[string]string) {
	for k, v := range mutations {
		md[k] = v
	}
}

// Trailer returns the trailers, once the processor has seen them.
func (s *Stream) Trailer() map[string]string {
	if s.trailerOnce.CompareAndSwap(false, true) {
		s.initiateTrailerProcessing()
	}
	<-s.ready
	return s.trailers
}

func (s *Stream) initiateTrailerProcessing() {
	s.trailers = s.backend.Trailer()
	s.sendCh <- trailersRequest(s.trailers)
}

func trailersRequest(md map[string]string) *request {
	req := &request{trailers: true}
	for k, v := range md {
		req.headers = append(req.headers, k+": "+v)
	}
	sort.Strings(req.headers)
	return req
}

// Close ends the stream's loops and waits for them.
func (s *Stream) Close() {
	close(s.sendCh)
	<-s.done
}

func Run() {
	s := NewStream(&backend{trailer: map[string]string{"grpc-status": "0"}})
	var wg sync.WaitGroup
	for range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = len(s.Trailer())
		}()
	}
	wg.Wait()
	s.Close()
}
