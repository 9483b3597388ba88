// Package precision_rlocksinglewriter is a lease manager after etcd's
// lease/lessor.go: findExpiredLeases updates the expiry notifier's map
// while holding only le.mu.RLock, but only the runLoop goroutine ever
// does that; every other access of the notifier holds le.mu.Lock, and
// the other read-lock holders (Lookup, Leases) do not touch it.
package precision_rlocksinglewriter

import (
	"container/heap"
	"sync"
	"time"
)

// LeaseID identifies a lease.
type LeaseID int64

// Lease is a grant with a time to live.
type Lease struct {
	ID     LeaseID
	ttl    time.Duration
	expiry time.Time
}

func (l *Lease) expired() bool { return time.Now().After(l.expiry) }

// LeaseWithTime is a queue item: when the lease expires.
type LeaseWithTime struct {
	id    LeaseID
	time  time.Time
	index int
}

// LeaseQueue is a min-heap of expiry times.
type LeaseQueue []*LeaseWithTime

func (pq LeaseQueue) Len() int           { return len(pq) }
func (pq LeaseQueue) Less(i, j int) bool { return pq[i].time.Before(pq[j].time) }
func (pq LeaseQueue) Swap(i, j int) {
	pq[i], pq[j] = pq[j], pq[i]
	pq[i].index, pq[j].index = i, j
}
func (pq *LeaseQueue) Push(x any) {
	item := x.(*LeaseWithTime)
	item.index = len(*pq)
	*pq = append(*pq, item)
}
func (pq *LeaseQueue) Pop() any {
	old := *pq
	n := len(old)
	item := old[n-1]
	*pq = old[:n-1]
	return item
}

// LeaseExpiredNotifier is a queue of leases to revoke; one item per lease.
type LeaseExpiredNotifier struct {
	m     map[LeaseID]*LeaseWithTime
	queue LeaseQueue
}

func newLeaseExpiredNotifier() *LeaseExpiredNotifier {
	return &LeaseExpiredNotifier{m: make(map[LeaseID]*LeaseWithTime)}
}

func (mq *LeaseExpiredNotifier) RegisterOrUpdate(item *LeaseWithTime) {
	if old, ok := mq.m[item.id]; ok {
		old.time = item.time
		heap.Fix(&mq.queue, old.index)
	} else {
		heap.Push(&mq.queue, item)
		mq.m[item.id] = item
	}
}

func (mq *LeaseExpiredNotifier) Unregister() *LeaseWithTime {
	item := heap.Pop(&mq.queue).(*LeaseWithTime)
	delete(mq.m, item.id)
	return item
}

func (mq *LeaseExpiredNotifier) Peek() *LeaseWithTime {
	if mq.Len() == 0 {
		return nil
	}
	return mq.queue[0]
}

func (mq *LeaseExpiredNotifier) Len() int { return len(mq.m) }

type lessor struct {
	mu                   sync.RWMutex
	leaseMap             map[LeaseID]*Lease
	leaseExpiredNotifier *LeaseExpiredNotifier
	expiredC             chan []*Lease
	retryInterval        time.Duration
	stopC                chan struct{}
	doneC                chan struct{}
}

func newLessor() *lessor {
	le := &lessor{
		leaseMap:             make(map[LeaseID]*Lease),
		leaseExpiredNotifier: newLeaseExpiredNotifier(),
		expiredC:             make(chan []*Lease, 16),
		retryInterval:        time.Millisecond,
		stopC:                make(chan struct{}),
		doneC:                make(chan struct{}),
	}
	go le.runLoop()
	return le
}

// Grant creates a lease that expires after ttl.
func (le *lessor) Grant(id LeaseID, ttl time.Duration) *Lease {
	l := &Lease{ID: id, ttl: ttl, expiry: time.Now().Add(ttl)}
	le.mu.Lock()
	defer le.mu.Unlock()
	le.leaseMap[id] = l
	le.leaseExpiredNotifier.RegisterOrUpdate(&LeaseWithTime{id: id, time: l.expiry})
	return l
}

// Renew extends the lease by its ttl.
func (le *lessor) Renew(id LeaseID) bool {
	le.mu.Lock()
	defer le.mu.Unlock()
	l := le.leaseMap[id]
	if l == nil {
		return false
	}
	l.expiry = time.Now().Add(l.ttl)
	le.leaseExpiredNotifier.RegisterOrUpdate(&LeaseWithTime{id: id, time: l.expiry})
	return true
}

// Checkpoint records the remaining time to live of a lease, as persisted
// by the leader, by rescheduling its expiry check.
func (le *lessor) Checkpoint(id LeaseID, remaining time.Duration) {
	le.mu.Lock()
	defer le.mu.Unlock()
	if l := le.leaseMap[id]; l != nil {
		le.leaseExpiredNotifier.RegisterOrUpdate(&LeaseWithTime{id: id, time: time.Now().Add(remaining)})
	}
}

// Revoke removes the lease.
func (le *lessor) Revoke(id LeaseID) {
	le.mu.Lock()
	defer le.mu.Unlock()
	delete(le.leaseMap, id)
}

// Lookup returns the lease, if any.
func (le *lessor) Lookup(id LeaseID) *Lease {
	le.mu.RLock()
	defer le.mu.RUnlock()
	return le.leaseMap[id]
}

// Leases returns every lease.
func (le *lessor) Leases() []*Lease {
	le.mu.RLock()
	defer le.mu.RUnlock()
	ls := make([]*Lease, 0, len(le.leaseMap))
	for _, l := range le.leaseMap {
		ls = append(ls, l)
	}
	return ls
}

func (le *lessor) ExpiredLeasesC() <-chan []*Lease { return le.expiredC }

// Stop ends runLoop and waits for it.
func (le *lessor) Stop() {
	close(le.stopC)
	<-le.doneC
}

func (le *lessor) runLoop() {
	defer close(le.doneC)
	ticker := time.NewTicker(500 * time.Microsecond)
	defer ticker.Stop()
	for {
		le.revokeExpiredLeases()
		select {
		case <-ticker.C:
		case <-le.stopC:
			return
		}
	}
}

// revokeExpiredLeases sends the expired leases to be revoked.
func (le *lessor) revokeExpiredLeases() {
	le.mu.RLock()
	ls := le.findExpiredLeases(16)
	le.mu.RUnlock()
	if len(ls) != 0 {
		select {
		case <-le.stopC:
		case le.expiredC <- ls:
		default: // the receiver is busy: try again next tick
		}
	}
}

// expireExists pops leases that are gone and reschedules the first
// expired one for a retry.
func (le *lessor) expireExists() (l *Lease, next bool) {
	if le.leaseExpiredNotifier.Len() == 0 {
		return nil, false
	}
	item := le.leaseExpiredNotifier.Peek()
	l = le.leaseMap[item.id]
	if l == nil {
		le.leaseExpiredNotifier.Unregister()
		return nil, true
	}
	now := time.Now()
	if now.Before(item.time) {
		return nil, false
	}
	item.time = now.Add(le.retryInterval)
	le.leaseExpiredNotifier.RegisterOrUpdate(item)
	return l, false
}

func (le *lessor) findExpiredLeases(limit int) []*Lease {
	var leases []*Lease
	for {
		l, next := le.expireExists()
		if l == nil && !next {
			break
		}
		if next {
			continue
		}
		if l.expired() {
			leases = append(leases, l)
			if len(leases) == limit {
				break
			}
		}
	}
	return leases
}

func Run() {
	le := newLessor()
	var wg sync.WaitGroup
	wg.Add(3)
	go func() { // the server's revoke loop
		defer wg.Done()
		deadline := time.After(20 * time.Millisecond)
		for {
			select {
			case ls := <-le.ExpiredLeasesC():
				for _, l := range ls {
					le.Revoke(l.ID)
				}
			case <-deadline:
				return
			}
		}
	}()
	go func() { // clients granting and renewing
		defer wg.Done()
		for i := range 50 {
			le.Grant(LeaseID(i), time.Duration(i%5)*time.Millisecond)
			le.Renew(LeaseID(i / 2))
			time.Sleep(100 * time.Microsecond)
		}
	}()
	go func() { // clients reading
		defer wg.Done()
		for i := range 100 {
			le.Lookup(LeaseID(i % 50))
			le.Leases()
			le.Checkpoint(LeaseID(i%50), time.Millisecond)
			time.Sleep(100 * time.Microsecond)
		}
	}()
	wg.Wait()
	le.Stop()
}
