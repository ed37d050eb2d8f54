package serve

import (
	"bytes"
	"net/http"
	"sync"
	"time"
)

// Event names on the stream. Every event carries the full stateJSON, so a
// tab that missed some still ends in the right state.
const (
	evHello  = "hello"  // sent on connection: the current state
	evReload = "reload" // a build succeeded: reload
	evError  = "error"  // a build failed: show its errors
	evClear  = "clear"  // the errors are fixed (a reload follows)
)

// event is one message for the event streams.
type event struct {
	name string
	seq  uint64
	data []byte
}

// hub fans events out to the connected streams.
type hub struct {
	mu      sync.Mutex
	max     int
	closed  bool
	clients map[chan event]struct{}
}

func newHub(max int) *hub {
	return &hub{max: max, clients: map[chan event]struct{}{}}
}

// clientBuffer is how many events a stream may fall behind before it is
// dropped; its browser reconnects and catches up with the hello event.
const clientBuffer = 16

// subscribe registers a stream; ok is false when the hub is full or
// closed.
func (h *hub) subscribe() (ch chan event, ok bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed || len(h.clients) >= h.max {
		return nil, false
	}
	ch = make(chan event, clientBuffer)
	h.clients[ch] = struct{}{}
	return ch, true
}

// unsubscribe forgets a stream whose handler is leaving.
func (h *hub) unsubscribe(ch chan event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if _, ok := h.clients[ch]; ok {
		delete(h.clients, ch)
		close(ch)
	}
}

// publish sends the snapshot's state to every stream without waiting: a
// stream that is too far behind is closed rather than allowed to stall
// rebuilds.
func (h *hub) publish(name string, sn *snapshot) {
	ev := event{name: name, seq: sn.seq, data: sn.state}
	h.mu.Lock()
	defer h.mu.Unlock()
	for ch := range h.clients {
		select {
		case ch <- ev:
		default:
			delete(h.clients, ch)
			close(ch)
		}
	}
}

// close ends every stream and refuses new ones.
func (h *hub) close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.closed = true
	for ch := range h.clients {
		delete(h.clients, ch)
		close(ch)
	}
}

// count is the number of connected streams.
func (h *hub) count() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.clients)
}

// events serves the Server-Sent Events stream that drives the tabs.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	ch, ok := s.hub.subscribe()
	if !ok {
		w.Header().Set("Retry-After", "5")
		http.Error(w, "too many live-reload connections", http.StatusServiceUnavailable)
		return
	}
	defer s.hub.unsubscribe(ch)

	rc := http.NewResponseController(w)
	// The server's timeouts bound ordinary requests; a stream stays open
	// for as long as the tab, with a deadline on each write instead.
	rc.SetReadDeadline(time.Time{})
	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	if r.Method == http.MethodHead {
		return
	}

	write := func(b []byte) bool {
		rc.SetWriteDeadline(time.Now().Add(s.lim.streamWrite))
		if _, err := w.Write(b); err != nil {
			return false
		}
		return rc.Flush() == nil
	}
	// Subscribed before reading the state, so nothing published in between
	// is lost; events older than the hello are skipped below.
	sn := s.snap.Load()
	// retry: how soon the browser reconnects after the server went away.
	if !write(append([]byte("retry: 1000\n"), frame(evHello, sn.state)...)) {
		return
	}
	seen := sn.seq
	ping := time.NewTicker(s.lim.ping)
	defer ping.Stop()
	for {
		select {
		case ev, ok := <-ch:
			if !ok {
				return // the server is closing, or this stream fell behind
			}
			if ev.seq <= seen {
				continue // the hello already told this state
			}
			if !write(frame(ev.name, ev.data)) {
				return
			}
		case <-ping.C:
			// A comment: keeps proxies from timing the stream out and
			// finds tabs that went away.
			if !write([]byte(": ping\n\n")) {
				return
			}
		case <-r.Context().Done():
			return
		case <-s.done:
			return
		}
	}
}

// frame formats one event. data is JSON, which holds no raw newline.
func frame(name string, data []byte) []byte {
	var b bytes.Buffer
	b.WriteString("event: ")
	b.WriteString(name)
	b.WriteString("\ndata: ")
	b.Write(data)
	b.WriteString("\n\n")
	return b.Bytes()
}
