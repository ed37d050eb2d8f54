package buildcache

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"os"
	"path"
	"runtime"
	"sort"
	"sync"
)

// Output is the state of a published output folder: a digest of every
// file's path, size and times. Two snapshots are equal only when no file
// was added, removed, renamed, written or replaced in between.
type Output struct {
	Digest string `json:"digest"`
	Files  int    `json:"files"`
}

// fileState is what Snapshot keeps of one file. Its numbers only need
// to be the same for an unchanged file on one system, so each system
// gives what its stat gives.
type fileState struct {
	rel         string // slash-separated, under the output folder
	mode        uint64
	size, mtime int64
	ino         uint64
	ctime       int64
}

// Snapshot reads the state of the output folder dir. It reads no file's
// content: the names and the stat of each file are enough to tell that
// someone changed the folder since the build wrote it, because writing a
// file changes its modification time and, on Linux, its change time, which
// no one can set back. dir must be a folder, not a link to one. Folders
// are read by a few goroutines at once (a site has thousands).
func Snapshot(dir string) (Output, error) {
	info, err := os.Lstat(dir)
	if err != nil {
		return Output{}, err
	}
	if !info.IsDir() {
		return Output{}, fmt.Errorf("%s: not a folder", dir)
	}
	s := &snapshot{root: dir, sem: make(chan struct{}, runtime.GOMAXPROCS(0)-1)}
	s.wg.Add(1)
	s.folder("")
	s.wg.Wait()
	if s.err != nil {
		return Output{}, s.err
	}
	sort.Slice(s.files, func(i, j int) bool { return s.files[i].rel < s.files[j].rel })
	d := sha256.New()
	var buf []byte
	for _, f := range s.files {
		buf = binary.AppendUvarint(buf[:0], uint64(len(f.rel)))
		buf = append(buf, f.rel...)
		buf = binary.AppendUvarint(buf, f.mode)
		buf = binary.AppendVarint(buf, f.size)
		buf = binary.AppendVarint(buf, f.mtime)
		buf = binary.AppendUvarint(buf, f.ino)
		buf = binary.AppendVarint(buf, f.ctime)
		d.Write(buf)
	}
	return Output{Digest: hex.EncodeToString(d.Sum(nil)), Files: len(s.files)}, nil
}

type snapshot struct {
	root string
	sem  chan struct{} // a token per extra goroutine
	wg   sync.WaitGroup
	bufs sync.Pool // of *[]byte, for reading folders

	mu    sync.Mutex
	files []fileState
	err   error
}

// folder reads the folder rel and, below it, its subfolders: in a new
// goroutine while one is free, else in this one.
func (s *snapshot) folder(rel string) {
	defer s.wg.Done()
	buf, _ := s.bufs.Get().(*[]byte)
	if buf == nil {
		b := make([]byte, 32<<10)
		buf = &b
	}
	subs, files, err := listFolder(s.root, rel, *buf)
	s.bufs.Put(buf)
	if err != nil {
		s.fail(fmt.Errorf("%s changed while it was read: %w", s.root, err))
		return
	}
	s.mu.Lock()
	s.files = append(s.files, files...)
	s.mu.Unlock()
	for _, name := range subs {
		p := path.Join(rel, name)
		s.wg.Add(1)
		select {
		case s.sem <- struct{}{}:
			go func() { s.folder(p); <-s.sem }()
		default:
			s.folder(p)
		}
	}
}

func (s *snapshot) fail(err error) {
	s.mu.Lock()
	if s.err == nil {
		s.err = err
	}
	s.mu.Unlock()
}
