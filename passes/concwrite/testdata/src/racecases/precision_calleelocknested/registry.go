// Package precision_calleelocknested is a push-notification registry
// after go-redis's push package, driven the way its concurrency test
// drives it: inside a subtest closure, one goroutine registers and
// unregisters handlers while another looks them up. Every access of the
// registry's maps holds r.mu, taken inside the registry's own methods.
package precision_calleelocknested

import (
	"errors"
	"sync"
)

// NotificationHandler handles one kind of push notification.
type NotificationHandler interface {
	HandlePushNotification(notification []any) error
}

var (
	errHandlerNil       = errors.New("handler cannot be nil")
	errHandlerExists    = errors.New("handler already registered")
	errProtectedHandler = errors.New("cannot unregister protected handler")
)

// Registry manages push notification handlers.
type Registry struct {
	mu        sync.RWMutex
	handlers  map[string]NotificationHandler
	protected map[string]bool
}

func NewRegistry() *Registry {
	return &Registry{handlers: make(map[string]NotificationHandler), protected: make(map[string]bool)}
}

// RegisterHandler registers a handler for a push notification name.
func (r *Registry) RegisterHandler(name string, handler NotificationHandler, protected bool) error {
	if handler == nil {
		return errHandlerNil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, exists := r.protected[name]; exists {
		return errHandlerExists
	}
	r.handlers[name] = handler
	r.protected[name] = protected
	return nil
}

// GetHandler returns the handler for a push notification name.
func (r *Registry) GetHandler(name string) NotificationHandler {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.handlers[name]
}

// UnregisterHandler removes the handler for a push notification name.
func (r *Registry) UnregisterHandler(name string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if protected, exists := r.protected[name]; exists && protected {
		return errProtectedHandler
	}
	delete(r.handlers, name)
	delete(r.protected, name)
	return nil
}

// Processor dispatches push notifications to the registered handlers.
type Processor struct {
	registry *Registry
}

func NewProcessor() *Processor { return &Processor{registry: NewRegistry()} }

func (p *Processor) GetHandler(name string) NotificationHandler { return p.registry.GetHandler(name) }

func (p *Processor) RegisterHandler(name string, handler NotificationHandler, protected bool) error {
	return p.registry.RegisterHandler(name, handler, protected)
}

func (p *Processor) UnregisterHandler(name string) error { return p.registry.UnregisterHandler(name) }

type countingHandler struct{ name string }

func (h *countingHandler) HandlePushNotification([]any) error { return nil }

// subtest stands for t.Run: it runs f on its own goroutine and waits.
func subtest(name string, f func()) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	<-done
}

func Run() {
	processor := NewProcessor()
	subtest("ConcurrentRegisterAndGet", func() {
		done := make(chan bool, 2)
		go func() {
			defer func() { done <- true }()
			for range 100 {
				processor.RegisterHandler("CONCURRENT", &countingHandler{name: "concurrent-handler"}, false)
				processor.UnregisterHandler("CONCURRENT")
			}
		}()
		go func() {
			defer func() { done <- true }()
			for range 100 {
				processor.GetHandler("CONCURRENT")
			}
		}()
		<-done
		<-done
	})
	func() { // a table-driven check in its own scope, as in the test file
		registry := NewRegistry()
		done := make(chan bool, 10)
		for i := range 5 {
			go func() {
				registry.RegisterHandler("TEST_"+string(rune('0'+i)), &countingHandler{name: "test"}, false)
				done <- true
			}()
		}
		for i := range 5 {
			go func() {
				registry.GetHandler("TEST_" + string(rune('0'+i)))
				done <- true
			}()
		}
		for range 10 {
			<-done
		}
	}()
}
