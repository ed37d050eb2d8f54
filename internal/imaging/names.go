package imaging

import (
	"path"
	"strconv"
	"strings"
)

// StandardWidths are the copies a theme's srcset offers: enough for a
// 42rem (672 px) column on phones and desktops at 1×, 2× and 3× density,
// few enough to keep builds and uploads small. A fresh slice each call.
func StandardWidths() []int { return []int{480, 960, 1440} }

// Supported tells whether Resize reads files with name's extension.
func Supported(name string) bool {
	_, err := normalizeFormat(path.Ext(name))
	return err == nil
}

// VariantName is where a copy of the picture at name is published: beside
// it, its width in the name, the copy's extension ("a/hall.jpg" →
// "a/hall-480w.jpg"; a WebP becomes "a/hall-480w.jpg" or ".png").
func VariantName(name string, v Variant) string {
	stem := strings.TrimSuffix(name, path.Ext(name))
	return stem + "-" + strconv.Itoa(v.Width) + "w." + ext(v.Format)
}
