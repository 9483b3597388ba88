// Package buildlib is a builder whose Build writes the builder's shared // want package:"concwrite summaries"
// annotations map (the ko shape); its callers are in package builds.
package buildlib

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
