package frontmatter

import (
	"strings"
	"time"
)

// dateForms is what an error about a date tells the author to write.
const dateForms = "2024-03-05, 2024-03-05T09:30:00+07:00, 2024-03-05T09:30:00 or 2024-03-05 09:30 " +
	"(a time without a zone is in the site's time zone)"

// Time-of-day layouts tried after the date, zoned first. Z07:00 accepts
// "Z" and "+07:00"; fractional seconds are accepted by time.Parse anyway.
var (
	zonedTimes = []string{"15:04:05Z07:00", "15:04Z07:00", "15:04:05 Z07:00", "15:04 Z07:00",
		"15:04:05Z0700", "15:04:05 Z0700", "15:04:05Z07", "15:04:05 Z07"}
	localTimes = []string{"15:04:05", "15:04"}
)

// parseDate reads the date forms of SPEC "Front matter" and YAML's
// timestamps: a date (midnight), or a date and a time separated by 'T', 't'
// or a space, with or without a zone; without one, the time is in loc.
// Month and day may have one digit, as YAML allows.
func parseDate(s string, loc *time.Location) (time.Time, bool) {
	if loc == nil {
		loc = time.UTC
	}
	s = strings.TrimSpace(s)
	datePart, timePart := s, ""
	if i := strings.IndexAny(s, "Tt "); i >= 0 {
		datePart, timePart = s[:i], strings.TrimSpace(s[i+1:])
		if timePart == "" {
			return time.Time{}, false
		}
	}
	day, err := time.ParseInLocation("2006-1-2", datePart, loc)
	if err != nil || len(datePart) < len("2006-1-2") || datePart[4] != '-' {
		return time.Time{}, false
	}
	if timePart == "" {
		return day, true
	}
	// "z" is YAML's lower-case spelling of UTC.
	if strings.HasSuffix(timePart, "z") {
		timePart = timePart[:len(timePart)-1] + "Z"
	}
	for _, layout := range zonedTimes {
		if t, err := time.Parse(layout, timePart); err == nil {
			// time.Parse names the zone after the machine's local zone when
			// the offsets agree; a fixed zone keeps builds reproducible.
			zone := time.UTC
			if _, off := t.Zone(); off != 0 {
				zone = time.FixedZone("", off)
			}
			return combine(day, t, zone), true
		}
	}
	for _, layout := range localTimes {
		if t, err := time.Parse(layout, timePart); err == nil {
			return combine(day, t, loc), true
		}
	}
	return time.Time{}, false
}

// combine puts the clock time of t on the calendar day of day, in loc.
func combine(day, t time.Time, loc *time.Location) time.Time {
	return time.Date(day.Year(), day.Month(), day.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), loc)
}
