package main

import (
	"runtime/debug"
)

// version is set at link time (-ldflags "-X main.version=1.2.3"); a plain
// go build falls back to the module version and VCS revision Go records.
var version = ""

func versionString() string {
	v := version
	info, ok := debug.ReadBuildInfo()
	if v == "" && ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		v = info.Main.Version
	}
	if v == "" {
		v = "dev"
	}
	if ok {
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				v += " (" + s.Value[:12] + ")"
			}
		}
		return "attache " + v + " " + info.GoVersion
	}
	return "attache " + v
}
