// Package precision_lockacrossjoin is listener reuse after caddy's
// listeners.go and listen_unix.go: NetworkAddress.Listen holds
// unixSocketsMu for unix networks around both the lookup of a socket to
// reuse and withBindCapability, which calls the listen closure and, when
// a privileged port bind is refused, calls it again on a goroutine with
// the capability raised and waits for its result. The closure's write of
// unixSockets runs inside Listen's critical section either way, and the
// listeners' Close deletes under the same lock. (As in caddy, the retry
// is for port binds only, so at run time the goroutine binds TCP ports
// and the unix sockets are recorded by the first call.)
package precision_lockacrossjoin

import (
	"errors"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

var errAccess = errors.New("permission denied")

// capEffective stands for CAP_NET_BIND_SERVICE in the effective set of
// the calling thread.
var capEffective atomic.Bool

func setBindCapability(on bool) { capEffective.Store(on) }

type tcpListener struct{ addr string }

func (l *tcpListener) Close() error { return nil }

// bind stands for the socket and bind system calls.
func bind(network, address string) (any, error) {
	if isPortBind(network, address) {
		_, port, _ := strings.Cut(address, ":")
		if p, _ := strconv.Atoi(port); p < 1024 && !capEffective.Load() {
			return nil, errAccess
		}
		return &tcpListener{address}, nil
	}
	return &unixListener{mapKey: network + "/" + address}, nil
}

func isPortBind(network, address string) bool {
	return (strings.HasPrefix(network, "tcp") || strings.HasPrefix(network, "udp")) && strings.Contains(address, ":")
}

// withBindCapability calls listen; if the bind is refused for a
// privileged port, it raises the capability on a locked OS thread and
// calls listen again there, lowering it afterwards.
func withBindCapability(network, address string, listen func() (any, error)) (any, error) {
	ln, err := listen()
	if !errors.Is(err, errAccess) || !isPortBind(network, address) {
		return ln, err
	}
	type result struct {
		ln  any
		err error
	}
	ch := make(chan result, 1)
	go func() {
		runtime.LockOSThread()
		setBindCapability(true)
		ln, err := listen()
		setBindCapability(false)
		ch <- result{ln, err}
	}()
	r := <-ch
	return r.ln, r.err
}

var (
	unixSocketsMu sync.Mutex
	// unixSockets keeps track of the active unix sockets so that their
	// file descriptors can be reused across reloads.
	unixSockets  = make(map[string]*unixListener)
	listenerPool sync.Map
)

type unixListener struct {
	mapKey string
	count  *atomic.Int32
	closed atomic.Bool
}

func (uln *unixListener) Close() error {
	if !uln.closed.CompareAndSwap(false, true) {
		return errors.New("use of closed listener")
	}
	unixSocketsMu.Lock()
	defer unixSocketsMu.Unlock()
	if uln.count.Add(-1) == 0 {
		delete(unixSockets, uln.mapKey)
	}
	return nil
}

// NetworkAddress is a network and an address on it.
type NetworkAddress struct {
	Network string
	Host    string
}

func (na NetworkAddress) isUnixNetwork() bool { return strings.HasPrefix(na.Network, "unix") }

// Listen creates a listener, or reuses the unix socket already open.
// Binds of unix sockets are serialised so that an existing socket is not
// unlinked while another config reuses it.
func (na NetworkAddress) Listen() (any, error) {
	if na.isUnixNetwork() {
		unixSocketsMu.Lock()
		defer unixSocketsMu.Unlock()
	}
	return na.listen()
}

func (na NetworkAddress) listen() (ln any, err error) {
	if na.isUnixNetwork() {
		ln, err = reuseUnixSocket(na.Network, na.Host)
	}
	if ln == nil && err == nil {
		lnKey := na.Network + "/" + na.Host
		ln, err = withBindCapability(na.Network, na.Host, func() (any, error) {
			return listenReusable(lnKey, na.Network, na.Host)
		})
	}
	return ln, err
}

// reuseUnixSocket returns a copy of the unix socket if it is open.
func reuseUnixSocket(network, addr string) (any, error) {
	key := network + "/" + addr
	socket, exists := unixSockets[key]
	if !exists {
		return nil, nil
	}
	socket.count.Add(1)
	unixSockets[key] = &unixListener{mapKey: key, count: socket.count}
	return unixSockets[key], nil
}

// listenReusable binds a new listener and records unix sockets.
func listenReusable(lnKey, network, address string) (any, error) {
	ln, err := bind(network, address)
	if err != nil {
		return nil, err
	}
	listenerPool.LoadOrStore(lnKey, nil)
	if unix, ok := ln.(*unixListener); ok {
		cnt := new(atomic.Int32)
		cnt.Store(1)
		unix.count = cnt
		unixSockets[lnKey] = unix
	}
	return ln, nil
}

func Run() {
	addrs := []NetworkAddress{
		{"unix", "/run/caddy/admin.sock"},
		{"unix", "/run/caddy/admin.sock"},
		{"unix", "/run/caddy/app.sock"},
		{"tcp", "0.0.0.0:80"},
		{"tcp", "0.0.0.0:8443"},
	}
	var wg sync.WaitGroup
	for _, na := range addrs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 10 {
				ln, err := na.Listen()
				if err != nil {
					panic(err)
				}
				time.Sleep(200 * time.Microsecond) // serve until the next config reload
				ln.(interface{ Close() error }).Close()
			}
		}()
	}
	wg.Wait()
}
