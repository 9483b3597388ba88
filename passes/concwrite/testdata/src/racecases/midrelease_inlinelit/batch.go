// Package midrelease_inlinelit runs each batch in a closure that starts a
// goroutine to record progress and then reads the progress map without
// waiting for it: the race is inside the closure.
package midrelease_inlinelit

import "time"

func Run() {
	for _, batch := range [][]string{{"a", "b"}, {"c"}} {
		func() {
			progress := map[string]int{}
			done := make(chan struct{})
			go func() {
				defer close(done)
				for i, item := range batch {
					progress[item] = i
				}
			}()
			time.Sleep(time.Millisecond)
			// Reported here, the other side of the goroutine's write above.
			_ = len(progress) // want "concurrent map"
			<-done
		}()
	}
}
