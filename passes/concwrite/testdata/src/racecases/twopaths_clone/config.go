// Package twopaths_clone is twopaths_valuecopy done right: WithTag clones
// the map before changing it.
package twopaths_clone

import (
	"maps"
	"sync"
)

// Config describes a deployment.
type Config struct {
	Name string
	Tags map[string]string
}

// WithTag returns a copy of c with one more tag.
func (c Config) WithTag(k, v string) Config {
	c.Tags = maps.Clone(c.Tags)
	c.Tags[k] = v
	return c
}

func deploy(base Config, envs []string) []string {
	var mu sync.Mutex
	var names []string
	var wg sync.WaitGroup
	for _, env := range envs {
		wg.Add(1)
		go func(env string) {
			defer wg.Done()
			cfg := base.WithTag("env", env)
			mu.Lock()
			names = append(names, cfg.Name+"-"+cfg.Tags["env"])
			mu.Unlock()
		}(env)
	}
	wg.Wait()
	return names
}

func Run() {
	base := Config{Name: "api", Tags: map[string]string{"team": "core"}}
	deploy(base, []string{"dev", "staging", "prod"})
}
