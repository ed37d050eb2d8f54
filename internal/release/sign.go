package release

import (
	"bytes"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"aead.dev/minisign"
)

var (
	// ErrBadSignature: the signature does not match the manifest (the
	// manifest was altered, or the signature is over another file).
	ErrBadSignature = errors.New("signature does not match manifest.json")
	// ErrWrongKey: the signature was made by another key than the one given.
	ErrWrongKey = errors.New("signed by another key")
)

// trustedPrefix opens the trusted comment attache writes; the version follows
// as "version:V". Only the "version:" field is read back, so signatures made
// by hand with `minisign -t "version:V"` verify too.
const trustedPrefix = "attache manifest"

// GenerateKey makes a minisign key pair: the private key file encrypted with
// password (scrypt with minisign's own cost, so it takes a second or two and
// about 1 GiB of memory) and the public key file, both in minisign's text
// formats. An empty password is refused: the contract says the key is
// encrypted.
func GenerateKey(password []byte) (privKeyFile, pubKeyFile []byte, err error) {
	if len(password) == 0 {
		return nil, nil, errors.New("keygen: empty password")
	}
	pub, priv, err := minisign.GenerateKey(rand.Reader)
	if err != nil {
		return nil, nil, fmt.Errorf("keygen: %w", err)
	}
	enc, err := minisign.EncryptKey(string(password), priv)
	if err != nil {
		return nil, nil, fmt.Errorf("keygen: %w", err)
	}
	pubText, _ := pub.MarshalText() // never fails
	return append(enc, '\n'), append(pubText, '\n'), nil
}

// Signer signs manifests with a decrypted private key. Decrypting costs a
// second and a gigabyte, so a caller decrypts once and signs many times.
type Signer struct {
	key minisign.PrivateKey
}

// NewSigner reads a minisign private key file. An encrypted key (the kind
// GenerateKey and `minisign -G` write) is decrypted with password; an
// unencrypted one (`minisign -G -W`) ignores it.
func NewSigner(privKeyFile, password []byte) (*Signer, error) {
	var key minisign.PrivateKey
	if minisign.IsEncrypted(privKeyFile) {
		k, err := minisign.DecryptKey(string(password), privKeyFile)
		if err != nil {
			return nil, fmt.Errorf("private key: wrong password or damaged key file: %w", err)
		}
		key = k
	} else if err := key.UnmarshalText(bytes.TrimSpace(privKeyFile)); err != nil {
		return nil, fmt.Errorf("private key: %w", err)
	}
	return &Signer{key: key}, nil
}

// PublicKey returns the public key file matching the signer's key.
func (s *Signer) PublicKey() []byte {
	pub, _ := s.key.Public().(minisign.PublicKey)
	text, _ := pub.MarshalText()
	return append(text, '\n')
}

// Sign returns the minisign signature (manifest.json.minisig) of
// manifestJSON, which must be a valid manifest. The signature is prehashed
// (minisign's default since 0.10) and its trusted comment is
// "attache manifest version:V" with V the manifest's version.
func (s *Signer) Sign(manifestJSON []byte) ([]byte, error) {
	m, err := ParseManifest(manifestJSON)
	if err != nil {
		return nil, fmt.Errorf("refusing to sign: %w", err)
	}
	r := minisign.NewReader(bytes.NewReader(manifestJSON))
	if _, err := io.Copy(io.Discard, r); err != nil {
		return nil, err
	}
	trusted := trustedPrefix + " version:" + m.Version
	untrusted := "attache release signature, key " + keyID(s.key.ID())
	return r.SignWithComments(s.key, trusted, untrusted), nil
}

// Sign decrypts privKeyFile and signs manifestJSON; see Signer.Sign.
func Sign(manifestJSON, privKeyFile, password []byte) ([]byte, error) {
	s, err := NewSigner(privKeyFile, password)
	if err != nil {
		return nil, err
	}
	return s.Sign(manifestJSON)
}

func keyID(id uint64) string { return strings.ToUpper(strconv.FormatUint(id, 16)) }

// VerifySignature checks sig (a minisign signature file) over manifestJSON
// with pubKeyFile (a minisign public key file, or its bare base64 line) and
// returns the version its trusted comment names. Any failure is an error:
// a malformed key or signature, another key (ErrWrongKey), a signature that
// does not match (ErrBadSignature), or a trusted comment without exactly one
// valid "version:" field.
func VerifySignature(manifestJSON, sig, pubKeyFile []byte) (version string, err error) {
	var pub minisign.PublicKey
	if err := pub.UnmarshalText(bytes.TrimSpace(pubKeyFile)); err != nil {
		return "", fmt.Errorf("public key: %w", err)
	}
	var s minisign.Signature
	if err := s.UnmarshalText(sig); err != nil {
		return "", fmt.Errorf("%s: %w", SignatureName, err)
	}
	if s.KeyID != pub.ID() {
		return "", fmt.Errorf("%s: %w: key %s, not the given public key %s", SignatureName, ErrWrongKey, keyID(s.KeyID), keyID(pub.ID()))
	}
	if !minisign.Verify(pub, manifestJSON, sig) {
		return "", fmt.Errorf("%s: %w (manifest altered, or signature over another file)", SignatureName, ErrBadSignature)
	}
	v, err := trustedVersion(s.TrustedComment)
	if err != nil {
		return "", fmt.Errorf("%s: trusted comment: %w", SignatureName, err)
	}
	return v, nil
}

// trustedVersion finds the single "version:V" field of a trusted comment;
// fields are separated by spaces or tabs (minisign's own comments use tabs).
func trustedVersion(comment string) (string, error) {
	var version string
	found := false
	for _, field := range strings.FieldsFunc(comment, func(r rune) bool { return r == ' ' || r == '\t' }) {
		v, ok := strings.CutPrefix(field, "version:")
		if !ok {
			continue
		}
		if found {
			return "", fmt.Errorf("%q names more than one version", comment)
		}
		version, found = v, true
	}
	if !found {
		return "", fmt.Errorf("%q names no version", comment)
	}
	if err := CheckVersion(version); err != nil {
		return "", err
	}
	return version, nil
}
