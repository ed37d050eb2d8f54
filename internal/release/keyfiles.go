package release

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
)

// WriteKeyFiles is `attache keygen --out NAME`: it writes NAME.key (the
// encrypted private key, mode 0600) and NAME.pub (0644), in minisign's
// formats. Existing files are never overwritten: losing a publisher key
// would orphan every release signed with it.
func WriteKeyFiles(name string, password []byte) (keyPath, pubPath string, err error) {
	keyPath, pubPath = name+".key", name+".pub"
	for _, p := range []string{keyPath, pubPath} {
		if _, err := os.Lstat(p); err == nil {
			return "", "", fmt.Errorf("%s: %w", p, fs.ErrExist)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return "", "", err
		}
	}
	priv, pub, err := GenerateKey(password)
	if err != nil {
		return "", "", err
	}
	if err := writeExcl(keyPath, priv, 0o600); err != nil {
		return "", "", err
	}
	if err := writeExcl(pubPath, pub, 0o644); err != nil {
		os.Remove(keyPath)
		return "", "", err
	}
	return keyPath, pubPath, nil
}

func writeExcl(path string, data []byte, perm fs.FileMode) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(path)
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(path)
		return err
	}
	return nil
}
