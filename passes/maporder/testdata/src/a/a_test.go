package a

import (
	"bytes"
	"io"
	"testing"
)

func sendAck(w io.Writer, id string) { io.WriteString(w, id+"\n") } // want sendAck:"writes w"

// A test feeding the code under test through a helper: the code's
// handling of the order is checked where it is.
func TestAcks(t *testing.T) {
	var conn bytes.Buffer
	pending := map[string]bool{"a": true, "b": true}
	for id := range pending {
		sendAck(&conn, id)
	}
	_ = conn.Len()
}
