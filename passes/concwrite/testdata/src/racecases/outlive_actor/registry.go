// Package outlive_actor is a service registry run as an actor: the map
// belongs to one goroutine, and every other goroutine talks to it over
// channels.
package outlive_actor

import "sync"

type lookup struct {
	name  string
	reply chan string
}

type register struct {
	name, addr string
}

// Registry maps service names to addresses.
type Registry struct {
	registers chan register
	lookups   chan lookup
	quit      chan struct{}
	done      chan struct{}
}

// NewRegistry starts the goroutine that owns the map.
func NewRegistry() *Registry {
	r := &Registry{
		registers: make(chan register),
		lookups:   make(chan lookup),
		quit:      make(chan struct{}),
		done:      make(chan struct{}),
	}
	go r.serve()
	return r
}

func (r *Registry) serve() {
	defer close(r.done)
	addrs := make(map[string]string)
	for {
		select {
		case reg := <-r.registers:
			addrs[reg.name] = reg.addr
		case l := <-r.lookups:
			l.reply <- addrs[l.name]
		case <-r.quit:
			return
		}
	}
}

// Register records addr for name.
func (r *Registry) Register(name, addr string) { r.registers <- register{name, addr} }

// Lookup returns the address of name.
func (r *Registry) Lookup(name string) string {
	reply := make(chan string)
	r.lookups <- lookup{name, reply}
	return <-reply
}

// Close stops the registry.
func (r *Registry) Close() {
	close(r.quit)
	<-r.done
}

func Run() {
	r := NewRegistry()
	var wg sync.WaitGroup
	for _, name := range []string{"db", "cache", "queue"} {
		wg.Add(1)
		go func(name string) {
			defer wg.Done()
			r.Register(name, name+":8080")
			_ = r.Lookup(name)
		}(name)
	}
	wg.Wait()
	r.Close()
}
