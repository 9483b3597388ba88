// Package twopaths_valuecopy is a configuration type with value-receiver
// "With" methods: copying the struct copies the map header, not the map,
// so goroutines deriving configs from one base all write the base's map.
package twopaths_valuecopy

import "sync"

// Config describes a deployment.
type Config struct {
	Name string
	Tags map[string]string
}

// WithTag returns c with one more tag.
func (c Config) WithTag(k, v string) Config {
	c.Tags[k] = v // want "concurrent map"
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
			names = append(names, cfg.Name+"-"+env)
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
