// Package precision_crashtest is pebble's objstorageprovider crash test:
// inside a per-mode closure, writers fill a map under a mutex while a
// timer callback (Done on the WaitGroup the closure waits on) snapshots
// it into mustExist; the closure reads mustExist only after wg.Wait.
package precision_crashtest

import (
	"sync"
	"time"
)

func Run() {
	for _, shared := range []bool{false, true} {
		func() {
			var wg sync.WaitGroup
			var mu sync.Mutex
			written := map[int]bool{}
			wg.Add(2)
			go func() {
				defer wg.Done()
				for i := range 50 {
					mu.Lock()
					written[i] = true
					mu.Unlock()
				}
			}()
			mustExist := make(map[int]struct{})
			time.AfterFunc(time.Millisecond, func() {
				defer wg.Done()
				if shared {
					return
				}
				mu.Lock()
				for n := range written {
					mustExist[n] = struct{}{}
				}
				mu.Unlock()
			})
			wg.Wait()
			for n := range mustExist {
				if !written[n] {
					panic("lost a file")
				}
			}
		}()
	}
}
