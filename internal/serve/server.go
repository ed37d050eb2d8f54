package serve

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/attache-ssg/attache/internal/build"
	"github.com/attache-ssg/attache/internal/watch"
)

// DefaultAddr is where the server listens unless told otherwise: loopback
// only, so that a draft is never exposed to the network by accident.
const DefaultAddr = "127.0.0.1:1313"

// watchedPaths are the parts of a site root whose changes trigger a
// rebuild.
func watchedPaths() []string {
	return []string{"content", "layouts", "static", "i18n", "site.yaml"}
}

// Config configures a Server.
type Config struct {
	// Root is the site's root folder (holding site.yaml and content/).
	Root string
	// Addr is the TCP address to listen on, host:port. Empty means
	// DefaultAddr; port 0 picks a free port (see Server.Addr).
	Addr string
	// Poll > 0 polls the sources at this interval instead of relying on
	// file-system events.
	Poll time.Duration
	// Build makes one build (required): the command passes
	// SessionBuilder with the embedded theme, tests their own.
	Build Builder
	// OnBuild, when set, hears about every build, the first one included
	// (called from New). Calls never overlap.
	OnBuild func(Report)
	// Log receives one-line notices about the watcher (problems, a fallback
	// to polling). Nil discards them.
	Log io.Writer
}

// Report describes one finished build, for the terminal.
type Report struct {
	Result   *build.Result // may be nil when the builder failed outright
	Err      error         // nil when the build succeeded
	Duration time.Duration
	Files    int  // outputs of the snapshot now served
	Initial  bool // the build made by New
	// Changed are the files that triggered the build; nil for the first
	// build and after the watcher lost events.
	Changed []string
}

// limits bound what clients can make the server hold. Tests shorten them.
type limits struct {
	maxHeaderBytes int
	readHeader     time.Duration
	read           time.Duration
	write          time.Duration
	idle           time.Duration
	maxStreams     int           // concurrent event-stream clients
	ping           time.Duration // keep-alive comment on idle event streams
	streamWrite    time.Duration // deadline of one write on an event stream
	shutdown       time.Duration // grace period of Close
	watchPoll      time.Duration // polling interval when OS watches run out
}

func defaultLimits() limits {
	return limits{
		maxHeaderBytes: 64 << 10,
		readHeader:     10 * time.Second,
		read:           30 * time.Second,
		write:          60 * time.Second,
		idle:           120 * time.Second,
		maxStreams:     64,
		ping:           20 * time.Second,
		streamWrite:    10 * time.Second,
		shutdown:       5 * time.Second,
		watchPoll:      time.Second,
	}
}

// Server is a running development server. Create it with New, then Start
// it; Close (or the end of Start's context) stops it.
type Server struct {
	cfg     Config
	lim     limits
	id      string // tells one server process from its successor, for tabs
	baseURL string
	addr    string
	ln      net.Listener
	http    *http.Server
	watcher *watch.Watcher
	hub     *hub

	snap atomic.Pointer[snapshot]

	done      chan struct{} // closed when Close begins
	stopped   chan struct{} // closed when Close has finished
	loopDone  chan struct{}
	serveDone chan struct{}
	startOnce sync.Once
	closeOnce sync.Once
	started   bool // set inside startOnce
	stopCtx   func() bool
	closeErr  error
	fatalMu   sync.Mutex
	fatal     error
}

// New listens on cfg.Addr, starts watching cfg.Root and makes the first
// build. A failed first build is not an error: the server then serves an
// error page until a change fixes the sources. It does not serve until
// Start.
func New(cfg Config) (*Server, error) {
	return newServer(cfg, defaultLimits())
}

func newServer(cfg Config, lim limits) (*Server, error) {
	if cfg.Addr == "" {
		cfg.Addr = DefaultAddr
	}
	root, err := filepath.Abs(cfg.Root)
	if err != nil {
		return nil, fmt.Errorf("serve: %w", err)
	}
	info, err := os.Stat(root)
	if err != nil {
		return nil, fmt.Errorf("serve: %w", err)
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("serve: %s is not a folder", root)
	}
	cfg.Root = root
	if cfg.Build == nil {
		return nil, errors.New("serve: no builder configured")
	}
	if cfg.Log == nil {
		cfg.Log = io.Discard
	}
	host, _, err := net.SplitHostPort(cfg.Addr)
	if err != nil {
		return nil, fmt.Errorf("serve: address %q: %w", cfg.Addr, err)
	}
	id, err := newID()
	if err != nil {
		return nil, fmt.Errorf("serve: %w", err)
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return nil, fmt.Errorf("serve: %w", err)
	}
	s := &Server{
		cfg:       cfg,
		lim:       lim,
		id:        id,
		ln:        ln,
		hub:       newHub(lim.maxStreams),
		done:      make(chan struct{}),
		stopped:   make(chan struct{}),
		loopDone:  make(chan struct{}),
		serveDone: make(chan struct{}),
	}
	s.addr, s.baseURL = publicAddr(host, ln.Addr())
	s.snap.Store(&snapshot{})
	s.http = &http.Server{
		Handler:           s,
		MaxHeaderBytes:    lim.maxHeaderBytes,
		ReadHeaderTimeout: lim.readHeader,
		ReadTimeout:       lim.read,
		WriteTimeout:      lim.write,
		IdleTimeout:       lim.idle,
		ErrorLog:          log.New(cfg.Log, "serve: ", 0),
	}
	// Watch before the first build, so that a save made while it runs is
	// seen and triggers the next one.
	s.watcher, err = s.watch()
	if err != nil {
		ln.Close()
		return nil, err
	}
	s.rebuild(nil, true)
	return s, nil
}

// saveQuiet is how long the sources must stay quiet before a rebuild: an
// editor's save (a write, or a temporary file renamed over the old one)
// takes well under a millisecond, and every millisecond here is one the
// author waits for the page.
const saveQuiet = 10 * time.Millisecond

// watch starts the watcher, falling back to polling when the OS runs out
// of watches: slower change detection beats none.
func (s *Server) watch() (*watch.Watcher, error) {
	opts := watch.Options{Paths: watchedPaths(), Poll: s.cfg.Poll, Debounce: saveQuiet}
	w, err := watch.New(s.cfg.Root, opts)
	if errors.Is(err, watch.ErrWatchLimit) && opts.Poll == 0 {
		fmt.Fprintf(s.cfg.Log, "serve: %v; polling for changes every %v instead\n", err, s.lim.watchPoll)
		opts.Poll = s.lim.watchPoll
		w, err = watch.New(s.cfg.Root, opts)
	}
	if err != nil {
		return nil, fmt.Errorf("serve: %w", err)
	}
	return w, nil
}

// publicAddr is the address to print and build for. An unspecified host
// (":1313", "0.0.0.0:…") listens everywhere but is not an address a
// browser can open, so URLs use localhost; a port of 0 becomes the port
// the system chose.
func publicAddr(host string, real net.Addr) (addr, baseURL string) {
	_, port, _ := net.SplitHostPort(real.String())
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		host = "localhost"
	}
	addr = net.JoinHostPort(host, port)
	return addr, "http://" + addr + "/"
}

func newID() (string, error) {
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return hex.EncodeToString(b), nil
}

// Addr is the host:port the server answers on, with the real port when the
// configuration asked for port 0.
func (s *Server) Addr() string { return s.addr }

// URL is the address of the site's root, e.g. "http://127.0.0.1:1313/".
// It is also the base URL the site is built for.
func (s *Server) URL() string { return s.baseURL }

// Start serves and rebuilds on changes, in the background. The server
// stops (as by Close) when ctx is done. Calls after the first do nothing.
func (s *Server) Start(ctx context.Context) {
	s.startOnce.Do(func() {
		select {
		case <-s.done:
			return // closed before it started
		default:
		}
		s.started = true
		go s.serve()
		go s.loop()
		s.stopCtx = context.AfterFunc(ctx, func() { s.Close() })
	})
}

func (s *Server) serve() {
	defer close(s.serveDone)
	if err := s.http.Serve(s.ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		s.fatalMu.Lock()
		s.fatal = fmt.Errorf("serve: %w", err)
		s.fatalMu.Unlock()
		go s.Close()
	}
}

// Wait blocks until the server has stopped and returns why, when it was
// not asked to: nil after Close or the end of Start's context.
func (s *Server) Wait() error {
	<-s.stopped
	s.fatalMu.Lock()
	defer s.fatalMu.Unlock()
	return s.fatal
}

// Close stops the server: the watcher and the rebuilds, the event streams,
// then the HTTP server, with a grace period for requests in flight. It
// returns once every goroutine of the server has ended. Later calls wait
// for the first and return its result.
func (s *Server) Close() error {
	s.closeOnce.Do(func() {
		// Starting is excluded from here on: Start sees done closed.
		close(s.done)
		s.startOnce.Do(func() {})
		if s.stopCtx != nil {
			s.stopCtx()
		}
		s.hub.close()
		errs := []error{s.watcher.Close()}
		if s.started {
			<-s.loopDone
		}
		ctx, cancel := context.WithTimeout(context.Background(), s.lim.shutdown)
		if err := s.http.Shutdown(ctx); err != nil {
			errs = append(errs, s.http.Close())
		}
		cancel()
		s.ln.Close() // Shutdown does not know the listener when Serve never ran
		if s.started {
			<-s.serveDone
		}
		s.closeErr = errors.Join(errs...)
		close(s.stopped)
	})
	<-s.stopped
	return s.closeErr
}
