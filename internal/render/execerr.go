package render

import (
	"regexp"
	"strconv"
)

// execPos matches the position html/template puts before an execution
// error: "template: NAME:LINE:COL: …" or "template: NAME:LINE: …".
var execPos = regexp.MustCompile(`(?s)^template: ([^:\s]+):(\d+):(?:(\d+):)? (.*)$`)

// execErrorPos places an error of executing layout at the file, line and
// column it names (a partial's, when the error is in a partial), so that
// it reads layouts/partials/x.html:3:9: like every other diagnostic.
func execErrorPos(layout string, err error) (file string, line, col int, msg string) {
	msg = err.Error()
	m := execPos.FindStringSubmatch(msg)
	if m == nil {
		return "layouts/" + layout, 0, 0, msg
	}
	line, _ = strconv.Atoi(m[2])
	col, _ = strconv.Atoi(m[3])
	return "layouts/" + m[1], line, col, m[4]
}
