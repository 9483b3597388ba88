// Package precision_constbranch is a query planner whose parallel
// estimation, which would race, sits behind a constant that is false: the
// branch never runs.
package precision_constbranch

import "sync"

// parallelEstimates is a debugging switch, off in every build.
const parallelEstimates = false

func estimate(table string) int { return len(table) * 100 }

// Plan returns the estimated cost of scanning each table.
func Plan(tables []string) map[string]int {
	costs := make(map[string]int)
	if parallelEstimates {
		var wg sync.WaitGroup
		for _, t := range tables {
			wg.Add(1)
			go func(t string) {
				defer wg.Done()
				costs[t] = estimate(t)
			}(t)
		}
		wg.Wait()
	} else {
		for _, t := range tables {
			costs[t] = estimate(t)
		}
	}
	return costs
}

func Run() {
	_ = Plan([]string{"users", "orders", "payments"})
}
