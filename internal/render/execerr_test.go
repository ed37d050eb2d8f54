package render

import (
	"errors"
	"testing"
)

func TestExecErrorPos(t *testing.T) {
	tests := []struct {
		err       string
		file      string
		line, col int
		msg       string
	}{
		{`template: _default/single.html:3:9: executing "main" at <.Nothing>: can't evaluate field Nothing`, "layouts/_default/single.html", 3, 9, `executing "main" at <.Nothing>: can't evaluate field Nothing`},
		{`template: partials/footer.html:12: function "x" not defined`, "layouts/partials/footer.html", 12, 0, `function "x" not defined`},
		{`write error`, "layouts/_default/baseof.html", 0, 0, "write error"},
	}
	for _, tt := range tests {
		file, line, col, msg := execErrorPos("_default/baseof.html", errors.New(tt.err))
		if file != tt.file || line != tt.line || col != tt.col || msg != tt.msg {
			t.Errorf("%q: got %s:%d:%d %q", tt.err, file, line, col, msg)
		}
	}
}
