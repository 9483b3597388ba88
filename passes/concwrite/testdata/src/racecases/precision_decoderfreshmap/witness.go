// Package precision_decoderfreshmap is a block witness after
// go-ethereum's core/stateless: block processing adds trie nodes under
// the witness's lock from several goroutines, and FromExtWitness, which
// the RLP decoder calls, fills a witness nobody else has yet. The map it
// writes is one it has just made and stored in the field itself.
package precision_decoderfreshmap

import (
	"bytes"
	"encoding/gob"
	"sort"
	"sync"
)

// Witness is the set of trie nodes a block touched.
type Witness struct {
	lock  sync.Mutex
	State map[string]struct{}
}

// NewWitness returns an empty witness.
func NewWitness() *Witness { return &Witness{State: make(map[string]struct{})} }

// AddState records trie nodes.
func (w *Witness) AddState(nodes map[string][]byte) {
	w.lock.Lock()
	defer w.lock.Unlock()
	for _, v := range nodes {
		w.State[string(v)] = struct{}{}
	}
}

// Size returns the number of nodes recorded.
func (w *Witness) Size() int {
	w.lock.Lock()
	defer w.lock.Unlock()
	return len(w.State)
}

// ExtWitness is the witness as sent across clients.
type ExtWitness struct {
	State [][]byte
}

// ToExtWitness converts the witness to the format sent across clients.
func (w *Witness) ToExtWitness() *ExtWitness {
	w.lock.Lock()
	defer w.lock.Unlock()
	ext := &ExtWitness{}
	for node := range w.State {
		ext.State = append(ext.State, []byte(node))
	}
	sort.Slice(ext.State, func(i, j int) bool { return bytes.Compare(ext.State[i], ext.State[j]) < 0 })
	return ext
}

// FromExtWitness converts the format sent across clients into a witness.
func (w *Witness) FromExtWitness(ext *ExtWitness) error {
	w.State = make(map[string]struct{}, len(ext.State))
	for _, node := range ext.State {
		w.State[string(node)] = struct{}{}
	}
	return nil
}

// Decode decodes a witness encoded by Encode.
func Decode(data []byte) (*Witness, error) {
	var ext ExtWitness
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&ext); err != nil {
		return nil, err
	}
	w := new(Witness)
	if err := w.FromExtWitness(&ext); err != nil {
		return nil, err
	}
	return w, nil
}

// Encode encodes the witness.
func (w *Witness) Encode() []byte {
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(w.ToExtWitness()); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

func Run() {
	w := NewWitness()
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w.AddState(map[string][]byte{"a": {byte(i)}, "b": {byte(i), 1}})
			_ = w.Size()
		}()
	}
	wg.Wait()
	data := w.Encode()
	// Stateless execution decodes witnesses in parallel, each its own.
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got, err := Decode(data)
			if err != nil {
				panic(err)
			}
			got.AddState(map[string][]byte{"c": {9}})
			_ = got.Size()
		}()
	}
	wg.Wait()
}
