package imaging

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// algorithm names the resampler and encoders in cache keys: change it when
// they change, so that copies made the old way are not served any more.
const algorithm = "attache-imaging/1 catmullrom"

// ErrCache wraps failures to read or write the cache. ResizeCached still
// returns its copies along with such an error: a cache that cannot be
// written costs time, not correctness, so a caller may only warn.
var ErrCache = errors.New("image cache")

// Cache is a folder of resized copies named by Key, for example the
// site's .attache/cache/images/. Entries are never invalidated, because a
// key names everything the bytes depend on; deleting the folder is always
// safe. A Cache is safe for concurrent use, also by several processes:
// entries are written to a temporary file and renamed into place.
type Cache struct{ dir string }

// NewCache returns the cache kept in dir, created on the first Put.
func NewCache(dir string) *Cache { return &Cache{dir: dir} }

// Dir is the cache's folder.
func (c *Cache) Dir() string { return c.dir }

// Key names the copy of src at width, in JPEG quality quality, in format
// (JPEG or PNG): the hex SHA-256 of all of them and of the algorithm, with
// the format's extension, like "3f…9a.jpg".
func Key(src []byte, width, quality int, format string) string {
	sum := sha256.Sum256(src)
	h := sha256.New()
	h.Write([]byte(algorithm))
	h.Write([]byte{0})
	h.Write(sum[:])
	var n [16]byte
	binary.BigEndian.PutUint64(n[:8], uint64(width))
	binary.BigEndian.PutUint64(n[8:], uint64(quality))
	h.Write(n[:])
	h.Write([]byte(format))
	return hex.EncodeToString(h.Sum(nil)) + "." + ext(format)
}

func ext(format string) string {
	if format == PNG {
		return "png"
	}
	return "jpg"
}

// validKey accepts only what Key makes, so that no key can name a path
// outside the cache folder.
func validKey(key string) bool {
	name, e, ok := strings.Cut(key, ".")
	if !ok || (e != "jpg" && e != "png") || len(name) != 2*sha256.Size {
		return false
	}
	for _, r := range name {
		if !('0' <= r && r <= '9' || 'a' <= r && r <= 'f') {
			return false
		}
	}
	return true
}

// Get returns the bytes stored under key; ok is false when there are none.
func (c *Cache) Get(key string) (data []byte, ok bool, err error) {
	if !validKey(key) {
		return nil, false, fmt.Errorf("%w: invalid key %q", ErrCache, key)
	}
	data, err = os.ReadFile(filepath.Join(c.dir, key))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("%w: %w", ErrCache, err)
	}
	return data, true, nil
}

// Put stores data under key, replacing any entry atomically.
func (c *Cache) Put(key string, data []byte) error {
	if !validKey(key) {
		return fmt.Errorf("%w: invalid key %q", ErrCache, key)
	}
	if err := os.MkdirAll(c.dir, 0o755); err != nil {
		return fmt.Errorf("%w: %w", ErrCache, err)
	}
	f, err := os.CreateTemp(c.dir, ".tmp-*")
	if err != nil {
		return fmt.Errorf("%w: %w", ErrCache, err)
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if err == nil {
		err = f.Chmod(0o644)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, filepath.Join(c.dir, key))
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("%w: %s: %w", ErrCache, key, err)
	}
	return nil
}

// ResizeCached is Resize through a cache: copies found in c are read, the
// others made (decoding src once, only if one is missing) and stored. A nil
// c makes every copy. An error wrapping ErrCache comes with the complete
// copies: only storing or reading the cache failed.
func (o Options) ResizeCached(c *Cache, src []byte, format string, widths []int) ([]Variant, error) {
	info, err := o.Inspect(src, format)
	if err != nil {
		return nil, err
	}
	plan := info.Plan(widths)
	out := make([]Variant, len(plan))
	var missing []int
	var cacheErr error
	for i, p := range plan {
		out[i] = Variant{Width: p.Width, Height: p.Height, Format: info.Out}
		if c == nil {
			missing = append(missing, i)
			continue
		}
		data, ok, err := c.Get(Key(src, p.Width, o.quality(), info.Out))
		if err != nil {
			cacheErr = err
		}
		if !ok {
			missing = append(missing, i)
			continue
		}
		out[i].Data = data
	}
	if len(missing) > 0 {
		img, err := decode(src, info.Format)
		if err != nil {
			return nil, err
		}
		for _, i := range missing {
			v, err := o.scale(img, info, plan[i])
			if err != nil {
				return nil, err
			}
			out[i] = v
			if c != nil {
				if err := c.Put(Key(src, v.Width, o.quality(), v.Format), v.Data); err != nil {
					cacheErr = err
				}
			}
		}
	}
	return out, cacheErr
}
