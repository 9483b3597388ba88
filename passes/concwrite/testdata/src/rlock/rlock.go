// Package rlock holds writes made under a read lock (the networkdb and
// DeltaFIFO shape).
package rlock

import "sync"

type NetworkDB struct {
	sync.RWMutex
	nodes map[string]string
}

func (nDB *NetworkDB) handleNodeEvent(name, addr string) bool {
	nDB.RLock()
	defer nDB.RUnlock()
	if _, ok := nDB.nodes[name]; ok {
		return false
	}
	nDB.nodes[name] = addr // want `map write under read lock: nDB.nodes written here while only nDB.RLock is held; readers holding the read lock run at the same time, so this write races with them; use nDB.Lock`
	return true
}

type DeltaFIFO struct {
	lock  sync.RWMutex
	items map[string][]int
}

func (f *DeltaFIFO) addLocked(id string, d int) {
	f.items[id] = append(f.items[id], d) // want `map write under read lock: f.items written here while only f.lock.RLock is held`
}

func (f *DeltaFIFO) Resync(id string) {
	f.lock.RLock()
	defer f.lock.RUnlock()
	f.addLocked(id, 0)
}

func (f *DeltaFIFO) List() [][]int {
	f.lock.RLock()
	defer f.lock.RUnlock()
	var out [][]int
	for _, v := range f.items {
		out = append(out, v)
	}
	return out
}

// Upgrade takes the write lock before writing: fine.
func (f *DeltaFIFO) Upgrade(id string) {
	f.lock.RLock()
	_, ok := f.items[id]
	f.lock.RUnlock()
	if !ok {
		f.lock.Lock()
		f.items[id] = nil
		f.lock.Unlock()
	}
}
