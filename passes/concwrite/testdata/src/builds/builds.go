// Package builds runs builds of package buildlib concurrently: the
// builder's annotations map is written by every build.
package builds

import (
	"context"

	"buildlib"

	"golang.org/x/sync/errgroup"
)

func BuildAll(ctx context.Context, b *buildlib.Builder, refs []string) ([]string, error) {
	out := make([]string, len(refs))
	g, _ := errgroup.WithContext(ctx)
	for i, ref := range refs {
		g.Go(func() error {
			res, err := b.Build(ref) // want `concurrent map write: b.annotations written by b.Build here by every copy of the goroutine of g.Go started at builds.go:17 in a loop`
			out[i] = res
			return err
		})
	}
	return out, g.Wait()
}

// One builder per goroutine is fine.
func BuildEach(ctx context.Context, refs []string) error {
	g, _ := errgroup.WithContext(ctx)
	for _, ref := range refs {
		g.Go(func() error {
			b := buildlib.New()
			_, err := b.Build(ref)
			return err
		})
	}
	return g.Wait()
}

// Sink uses buildlib.Tags from two exported methods: what guards the
// tags is buildlib's business, reported there.
type Sink struct{ t *buildlib.Tags }

func (s *Sink) Flush()       { s.t.Set("a", "b") }
func (s *Sink) Read() string { return s.t.Peek("a") }

// Label mutates the map Tags.All returned, outside Tags' lock.
func (s *Sink) Label() {
	tags := s.t.All()
	tags["built"] = "yes" // want `map written outside its lock: tags is s.t.tags, which s.t.All returns while holding s.t.mu; this write races with the owner's accesses under s.t.mu`
}
