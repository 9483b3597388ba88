// Package outlive_afterfunc is a session table that arms a timer per
// session: the timer's callback deletes the session on its own goroutine,
// alongside the table's lookups.
package outlive_afterfunc

import "time"

// Session is one logged-in user.
type Session struct {
	ID   string
	User string
}

// Sessions maps session IDs to sessions.
type Sessions struct {
	byID map[string]*Session
}

func NewSessions() *Sessions {
	return &Sessions{byID: make(map[string]*Session)}
}

// Open starts a session that expires after ttl.
func (s *Sessions) Open(id, user string, ttl time.Duration) *Session {
	sess := &Session{ID: id, User: user}
	s.byID[id] = sess
	time.AfterFunc(ttl, func() { s.expire(id) })
	return sess
}

func (s *Sessions) expire(id string) {
	delete(s.byID, id) // want "concurrent map"
}

// Lookup returns the session with the given ID.
func (s *Sessions) Lookup(id string) (*Session, bool) {
	sess, ok := s.byID[id]
	return sess, ok
}

func Run() {
	s := NewSessions()
	s.Open("a1", "alice", time.Millisecond)
	time.Sleep(10 * time.Millisecond)
	if _, ok := s.Lookup("a1"); ok {
		println("session still open")
	}
}
