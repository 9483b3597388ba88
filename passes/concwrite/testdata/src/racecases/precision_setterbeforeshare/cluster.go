// Package precision_setterbeforeshare is a cluster membership table after
// etcd's RaftCluster: SetID stores the node's own ID, which only it ever
// writes, and refreshes a metric from the member maps without the lock.
// Bootstrap code calls it on a cluster it has just made, before the
// cluster is handed to the goroutines that apply membership changes
// (AddMember, RemoveMember, under the lock); were SetID called later, its
// unlocked store of localID would race with AddMember's read of it, so
// the type's own code says it is configuration, not concurrent use, and
// the struct declares it above the mutex, outside what the mutex guards.
package precision_setterbeforeshare

import (
	"sync"
)

// Cluster is the set of members of a cluster.
type Cluster struct {
	localID uint64

	sync.Mutex // guards the fields below
	members    map[uint64]string
	removed    map[uint64]bool
}

// gauge is a labelled metric, as Prometheus's GaugeVec.
type gauge struct {
	mu     sync.Mutex
	values map[[2]uint64]float64
}

func (g *gauge) Set(local, peer uint64, v float64) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.values[[2]uint64{local, peer}] = v
}

// knownPeers says which peers each member knows.
var knownPeers = &gauge{values: make(map[[2]uint64]float64)}

// NewCluster returns an empty cluster.
func NewCluster() *Cluster {
	return &Cluster{members: map[uint64]string{}, removed: map[uint64]bool{}}
}

// SetID records the local member's ID.
func (c *Cluster) SetID(localID uint64) {
	c.localID = localID
	c.buildMembershipMetric()
}

func (c *Cluster) buildMembershipMetric() {
	if c.localID == 0 {
		return // the local ID is not known yet
	}
	for id := range c.members {
		knownPeers.Set(c.localID, id, 1)
	}
	for id := range c.removed {
		knownPeers.Set(c.localID, id, 0)
	}
}

// AddMember adds a member.
func (c *Cluster) AddMember(id uint64, name string) {
	c.Lock()
	defer c.Unlock()
	c.members[id] = name
	if id != c.localID {
		knownPeers.Set(c.localID, id, 1)
	}
}

// RemoveMember removes a member.
func (c *Cluster) RemoveMember(id uint64) {
	c.Lock()
	defer c.Unlock()
	delete(c.members, id)
	c.removed[id] = true
	knownPeers.Set(c.localID, id, 0)
}

// Members returns the number of members.
func (c *Cluster) Members() int {
	c.Lock()
	defer c.Unlock()
	return len(c.members)
}

// bootstrap makes the cluster and configures it before anything else
// can see it.
func bootstrap(id uint64, peers []uint64) *Cluster {
	c := NewCluster()
	for _, p := range peers {
		c.members[p] = "peer"
	}
	c.SetID(id)
	return c
}

func Run() {
	c := bootstrap(1, []uint64{1, 2, 3})
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			id := uint64(10 + i)
			c.AddMember(id, "new")
			_ = c.Members()
			c.RemoveMember(id)
		}()
	}
	wg.Wait()
}
