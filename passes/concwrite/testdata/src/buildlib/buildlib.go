// Package buildlib is a builder whose Build writes the builder's shared
// annotations map (the ko shape); its callers are in package builds.
package buildlib

import "sync"

type Builder struct {
	annotations map[string]string
	platform    string
}

func New() *Builder { return &Builder{annotations: map[string]string{}} }

func (b *Builder) Build(ref string) (string, error) {
	b.annotations["org.opencontainers.image.base.name"] = ref
	return b.platform + ref, nil
}

// Platform only reads.
func (b *Builder) Platform() string { return b.platform }

// Tags guards its map in Set but not in Peek: the race is reported here,
// in the package that owns the type, not in its users.
type Tags struct {
	mu   sync.Mutex
	tags map[string]string
}

func (t *Tags) Set(k, v string) {
	t.mu.Lock()
	t.tags[k] = v
	t.mu.Unlock()
}

func (t *Tags) Peek(k string) string {
	return t.tags[k] // want `concurrent map read and write: t\.tags read here without t\.mu, which the write at buildlib\.go:31 \(in \(\*Tags\)\.Set\) holds; lock t\.mu here too`
}

// All returns the internal map from under the lock.
func (t *Tags) All() map[string]string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.tags
}
