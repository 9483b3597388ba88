// Package precision_initsubpool_bug is precision_initsubpool with New
// reordered to start following the chain before the subpools load their
// journals, so that no head is missed while they load: Init now fills
// the maps without the lock while the loop's Reset takes it, and the
// chain imports blocks all along.
package precision_initsubpool_bug

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Head is a chain head.
type Head struct {
	Number  uint64
	Senders map[string]uint64 // the nonce each sender reached
}

// SubPool is a specialised pool (blob transactions here).
type SubPool interface {
	Init(head *Head, journal []string) error
	Reset(oldHead, newHead *Head)
	Has(hash string) bool
}

// BlobPool holds blob transactions.
type BlobPool struct {
	lock    sync.RWMutex
	head    *Head
	index   map[string][]uint64 // sender -> nonces
	lookup  map[string]string   // tx hash -> sender
	blocked map[string]bool     // senders with a gap
}

func NewBlobPool() *BlobPool {
	return &BlobPool{index: make(map[string][]uint64), lookup: make(map[string]string), blocked: make(map[string]bool)}
}

// Init sets the chain head and loads the transaction journal
// ("hash:sender:nonce" lines) from disk.
func (p *BlobPool) Init(head *Head, journal []string) error {
	p.head = head
	for _, line := range journal {
		hash, rest, _ := strings.Cut(line, ":")
		sender, field, _ := strings.Cut(rest, ":")
		nonce, err := strconv.ParseUint(field, 10, 64)
		if err != nil {
			continue // unprocessable: dropped from the journal
		}
		p.lookup[hash] = sender
		p.index[sender] = append(p.index[sender], nonce) // missed: Init is taken for setup that runs before the pool is shared (named so), but New starts the loop that calls Reset first
	}
	for sender := range p.index {
		p.recheck(sender)
	}
	return nil
}

// recheck drops the sender's transactions the head includes. Callers
// hold the lock, or run before the pool is shared.
func (p *BlobPool) recheck(sender string) {
	reached := p.head.Senders[sender]
	nonces := p.index[sender]
	for len(nonces) > 0 && nonces[0] < reached {
		nonces = nonces[1:]
	}
	if len(nonces) == 0 {
		delete(p.index, sender)
		delete(p.blocked, sender)
		return
	}
	p.index[sender] = nonces
	p.blocked[sender] = nonces[0] > reached
}

// Reset moves the pool to a new head.
func (p *BlobPool) Reset(oldHead, newHead *Head) {
	p.lock.Lock()
	defer p.lock.Unlock()
	p.head = newHead
	for sender := range p.index {
		p.recheck(sender)
	}
}

// Has reports whether the pool holds the transaction.
func (p *BlobPool) Has(hash string) bool {
	p.lock.RLock()
	defer p.lock.RUnlock()
	_, ok := p.lookup[hash]
	return ok
}

// BlockChain is the chain the pool follows; blocks are imported on
// the chain's own goroutine.
type BlockChain struct {
	mu   sync.Mutex
	head *Head
	subs []chan<- *Head
}

// CurrentHead returns the chain head.
func (bc *BlockChain) CurrentHead() *Head {
	bc.mu.Lock()
	defer bc.mu.Unlock()
	return bc.head
}

// SubscribeChainHeadEvent delivers every new head to ch.
func (bc *BlockChain) SubscribeChainHeadEvent(ch chan<- *Head) {
	bc.mu.Lock()
	defer bc.mu.Unlock()
	bc.subs = append(bc.subs, ch)
}

// InsertHead imports a block.
func (bc *BlockChain) InsertHead(head *Head) {
	bc.mu.Lock()
	bc.head = head
	subs := append([]chan<- *Head(nil), bc.subs...)
	bc.mu.Unlock()
	for _, ch := range subs {
		ch <- head
	}
}

// TxPool aggregates the subpools and feeds them chain heads.
type TxPool struct {
	chain     *BlockChain
	subpools  []SubPool
	newHeadCh chan *Head
	quit      chan struct{}
	term      chan struct{}
}

// New starts the loop that follows the chain, then initialises the
// subpools at the head the loop started from.
func New(chain *BlockChain, journal []string, subpools []SubPool) (*TxPool, error) {
	// Take the head once, so that the subpools and the loop start from
	// the same state even if the chain moves on meanwhile.
	head := chain.CurrentHead()
	pool := &TxPool{chain: chain, subpools: subpools, newHeadCh: make(chan *Head),
		quit: make(chan struct{}), term: make(chan struct{})}
	chain.SubscribeChainHeadEvent(pool.newHeadCh)
	go pool.loop(head)
	for _, sub := range subpools {
		if err := sub.Init(head, journal); err != nil {
			pool.Close()
			return nil, err
		}
	}
	return pool, nil
}

func (p *TxPool) loop(head *Head) {
	defer close(p.term)
	for {
		select {
		case newHead := <-p.newHeadCh:
			for _, sub := range p.subpools {
				sub.Reset(head, newHead)
			}
			head = newHead
		case <-p.quit:
			return
		}
	}
}

// Has reports whether any subpool holds the transaction.
func (p *TxPool) Has(hash string) bool {
	for _, sub := range p.subpools {
		if sub.Has(hash) {
			return true
		}
	}
	return false
}

// Close stops the loop.
func (p *TxPool) Close() {
	close(p.quit)
	<-p.term
}

func Run() {
	var journal []string
	for i := range 500 {
		journal = append(journal, fmt.Sprintf("0x%03x:sender%d:%d", i, i%7, i))
	}
	chain := &BlockChain{head: &Head{Number: 1, Senders: map[string]uint64{}}}
	importing := make(chan struct{})
	go func() { // the chain keeps importing blocks while the pool starts
		defer close(importing)
		for n := uint64(2); n < 40; n++ {
			chain.InsertHead(&Head{Number: n, Senders: map[string]uint64{"sender1": n, "sender3": n / 2}})
			time.Sleep(100 * time.Microsecond)
		}
	}()
	blobs := NewBlobPool()
	pool, err := New(chain, journal, []SubPool{blobs})
	if err != nil {
		panic(err)
	}
	<-importing
	for range 50 {
		pool.Has("0x002")
	}
	pool.Close()
}
