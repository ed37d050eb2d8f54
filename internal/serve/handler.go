package serve

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/attache-ssg/attache/internal/render"
)

// The server's own URLs live under reservedPrefix; a site file there is
// shadowed while serving.
const (
	reservedPrefix = "/__attache/"
	reloadJSPath   = reservedPrefix + "reload.js"
	workerJSPath   = reservedPrefix + "worker.js"
	eventsPath     = reservedPrefix + "events"
)

// ServeHTTP answers one request from the current snapshot.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	if strings.HasPrefix(r.URL.Path, reservedPrefix) {
		s.serveOwn(w, r)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	// One snapshot for the whole response.
	sn := s.snap.Load()
	key, dir, ok := sitePath(r.URL.Path)
	if !ok {
		s.notFound(w, r, sn)
		return
	}
	if out := sn.lookup(key); out != nil {
		s.serveOutput(w, r, sn, out, http.StatusOK)
		return
	}
	if !dir && sn.lookup(key+"/index.html") != nil {
		// Relative links inside the page only work from the slash form.
		u := url.URL{Path: "/" + key + "/", RawQuery: r.URL.RawQuery}
		http.Redirect(w, r, u.String(), http.StatusMovedPermanently)
		return
	}
	s.notFound(w, r, sn)
}

// sitePath turns a decoded request path into an output path. dir reports
// a directory URL (ending in "/"), whose output is its index.html. A ".."
// segment is refused rather than resolved: browsers resolve them before
// asking, so one that arrives is a probe. Empty and "." segments are
// dropped.
func sitePath(p string) (key string, dir, ok bool) {
	if !strings.HasPrefix(p, "/") {
		return "", false, false
	}
	dir = strings.HasSuffix(p, "/")
	var segs []string
	for _, seg := range strings.Split(p, "/") {
		switch seg {
		case "..":
			return "", false, false
		case "", ".":
			continue
		}
		segs = append(segs, seg)
	}
	key = strings.Join(segs, "/")
	if len(segs) == 0 {
		return "index.html", true, true
	}
	if dir {
		return key + "/index.html", true, true
	}
	return key, false, true
}

// notFound answers with the site's 404.html and status 404, or, before any
// build has succeeded, a bare page that carries the error overlay.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request, sn *snapshot) {
	if out := sn.lookup("404.html"); out != nil {
		s.serveOutput(w, r, sn, out, http.StatusNotFound)
		return
	}
	status, title := http.StatusNotFound, "Not found"
	if !sn.hasFiles {
		status, title = http.StatusServiceUnavailable, "The site has not built yet"
	}
	page := fmt.Sprintf("<!DOCTYPE html>\n<html lang=\"en\" dir=\"ltr\">\n<head><meta charset=\"utf-8\"><title>%s</title></head>\n<body>\n<h1>%s</h1>\n</body>\n</html>\n", title, title)
	s.writeBody(w, r, "404.html", inject([]byte(page), sn.snippet), status)
}

// serveOutput writes one output with the given status.
func (s *Server) serveOutput(w http.ResponseWriter, r *http.Request, sn *snapshot, out *render.Output, status int) {
	if out.Src == nil {
		body := out.Data
		if isHTML(out.Path) {
			body = inject(body, sn.snippet)
		}
		s.writeBody(w, r, out.Path, body, status)
		return
	}
	f, err := out.Src.Open(out.SrcPath)
	if err != nil {
		// Removed since the build; the rebuild it triggers is on its way.
		s.gone(w, r, sn, out)
		return
	}
	defer f.Close()
	if isHTML(out.Path) {
		data, err := io.ReadAll(f)
		if err != nil {
			s.gone(w, r, sn, out)
			return
		}
		s.writeBody(w, r, out.Path, inject(data, sn.snippet), status)
		return
	}
	w.Header().Set("Content-Type", contentType(out.Path))
	if rs, ok := f.(io.ReadSeeker); ok && status == http.StatusOK {
		// ServeContent handles HEAD and ranges (seeking in audio and video).
		http.ServeContent(w, r, out.Path, time.Time{}, rs)
		return
	}
	if info, err := f.Stat(); err == nil {
		w.Header().Set("Content-Length", strconv.FormatInt(info.Size(), 10))
	}
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		io.Copy(w, f)
	}
}

// gone answers for a copy output whose source vanished after the build.
func (s *Server) gone(w http.ResponseWriter, r *http.Request, sn *snapshot, out *render.Output) {
	if out.Path == "404.html" {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	s.notFound(w, r, sn)
}

// writeBody writes bytes made in memory.
func (s *Server) writeBody(w http.ResponseWriter, r *http.Request, name string, body []byte, status int) {
	w.Header().Set("Content-Type", contentType(name))
	if status == http.StatusOK {
		http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(body))
		return
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

// serveOwn answers the server's own URLs.
func (s *Server) serveOwn(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	switch r.URL.Path {
	case reloadJSPath:
		s.writeBody(w, r, "reload.js", reloadJS, http.StatusOK)
	case workerJSPath:
		s.writeBody(w, r, "worker.js", workerJS, http.StatusOK)
	case eventsPath:
		s.events(w, r)
	default:
		http.NotFound(w, r)
	}
}
