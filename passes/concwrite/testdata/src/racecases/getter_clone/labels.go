// Package getter_clone is getter_lockedreturn done right: Labels returns
// a copy made under the lock, which the caller may change freely.
package getter_clone

import (
	"maps"
	"sync"
)

// Target is a scrape target.
type Target struct {
	mu     sync.Mutex
	labels map[string]string
}

func NewTarget() *Target { return &Target{labels: map[string]string{"job": "node"}} }

// Labels returns a copy of the target's labels.
func (t *Target) Labels() map[string]string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return maps.Clone(t.labels)
}

// SetLabel sets one label.
func (t *Target) SetLabel(k, v string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.labels[k] = v
}

// relabel adds the environment label to what the target reports.
func relabel(t *Target, env string) map[string]string {
	l := t.Labels()
	l["env"] = env
	return l
}

func Run() {
	t := NewTarget()
	var wg sync.WaitGroup
	for _, env := range []string{"staging", "prod"} {
		wg.Add(1)
		go func(env string) {
			defer wg.Done()
			relabel(t, env)
		}(env)
	}
	t.SetLabel("instance", "host:9100")
	wg.Wait()
}
