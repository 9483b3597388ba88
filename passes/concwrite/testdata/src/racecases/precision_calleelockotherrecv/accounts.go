// Package precision_calleelockotherrecv is service imports between
// accounts after nats-server's accounts.go: AddServiceImport on one
// account checks, through methods called on the destination account,
// that the destination exports the subject and that the import forms no
// cycle; those methods take the destination's own lock (dest.mu), and
// the import is then added under the importer's lock.
package precision_calleelockotherrecv

import (
	"errors"
	"strconv"
	"strings"
	"sync"
)

var (
	errServiceImportAuthorization = errors.New("service import not authorized")
	errImportFormsCycle           = errors.New("import forms a cycle")
)

const maxCycleSearchDepth = 1024

type serviceExport struct {
	approved map[string]bool // nil: public
}

type serviceImport struct {
	acc      *Account
	from, to string
}

type exportMap struct {
	services map[string]*serviceExport
}

type importMap struct {
	services map[string][]*serviceImport
}

// Account is a tenant with its own subject space.
type Account struct {
	Name    string
	mu      sync.RWMutex
	exports exportMap
	imports importMap
}

func NewAccount(name string) *Account {
	return &Account{Name: name, imports: importMap{services: make(map[string][]*serviceImport)}}
}

// AddServiceExport exports subject to accounts (to all when empty).
func (a *Account) AddServiceExport(subject string, accounts []*Account) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.exports.services == nil {
		a.exports.services = make(map[string]*serviceExport)
	}
	var se *serviceExport
	if len(accounts) > 0 {
		se = &serviceExport{approved: make(map[string]bool)}
		for _, acc := range accounts {
			se.approved[acc.Name] = true
		}
	}
	a.exports.services[subject] = se
	return nil
}

// AddServiceImport routes requests on from to destination's service to.
func (a *Account) AddServiceImport(destination *Account, from, to string) error {
	if to == "" {
		to = from
	}
	if !destination.checkServiceImportAuthorized(a, to) {
		return errServiceImportAuthorization
	}
	if err := a.serviceImportFormsCycle(destination, from); err != nil {
		return err
	}
	a.mu.Lock()
	a.imports.services[from] = append(a.imports.services[from], &serviceImport{destination, from, to})
	a.mu.Unlock()
	return nil
}

func (a *Account) serviceImportFormsCycle(dest *Account, from string) error {
	return dest.checkServiceImportsForCycles(from, map[string]bool{a.Name: true})
}

func (a *Account) checkServiceImportsForCycles(from string, visited map[string]bool) error {
	if len(visited) >= maxCycleSearchDepth {
		return errImportFormsCycle
	}
	a.mu.RLock()
	for _, sis := range a.imports.services {
		for _, si := range sis {
			if subjectsCollide(from, si.to) {
				a.mu.RUnlock()
				if visited[si.acc.Name] {
					return errImportFormsCycle
				}
				visited[a.Name] = true
				return si.acc.checkServiceImportsForCycles(si.from, visited)
			}
		}
	}
	a.mu.RUnlock()
	return nil
}

// checkServiceImportAuthorized reports whether account may import
// subject from a.
func (a *Account) checkServiceImportAuthorized(account *Account, subject string) bool {
	a.mu.RLock()
	authorized := a.checkServiceImportAuthorizedNoLock(account, subject)
	a.mu.RUnlock()
	return authorized
}

func (a *Account) checkServiceImportAuthorizedNoLock(account *Account, subject string) bool {
	if a.exports.services == nil {
		return false
	}
	se, ok := a.exports.services[subject]
	if !ok {
		for subj, e := range a.exports.services {
			if subjectsCollide(subj, subject) {
				se, ok = e, true
				break
			}
		}
	}
	return ok && (se == nil || se.approved[account.Name])
}

// subjectsCollide reports whether two subjects, with * wildcards, can
// match the same subject.
func subjectsCollide(a, b string) bool {
	at, bt := strings.Split(a, "."), strings.Split(b, ".")
	if len(at) != len(bt) {
		return false
	}
	for i := range at {
		if at[i] != bt[i] && at[i] != "*" && bt[i] != "*" {
			return false
		}
	}
	return true
}

func Run() {
	fooAcc, barAcc := NewAccount("$foo"), NewAccount("$bar")
	if err := fooAcc.AddServiceExport("foo.*", nil); err != nil {
		panic(err)
	}
	errCh := make(chan error, 102)
	// A config reload adds exports to foo, and one to bar, while bar
	// imports foo's services.
	go func() {
		for i := range 50 {
			if err := fooAcc.AddServiceExport("svc."+strconv.Itoa(i), []*Account{barAcc}); err != nil {
				errCh <- err
				return
			}
		}
		errCh <- nil
	}()
	go func() { errCh <- barAcc.AddServiceExport("bar.*", nil) }()
	for i := range 100 {
		go func() {
			errCh <- barAcc.AddServiceImport(fooAcc, "foo."+strconv.Itoa(i%10), "")
		}()
	}
	for range 102 {
		if err := <-errCh; err != nil {
			panic(err)
		}
	}
	// Then foo imports a service of bar: no cycle, as none of bar's
	// imports (foo.0 to foo.9) is routed to bar.x.
	if err := fooAcc.AddServiceImport(barAcc, "bar.x", ""); err != nil {
		panic(err)
	}
}
