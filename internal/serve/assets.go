package serve

import _ "embed"

// The browser side: the script injected into pages, and the shared worker
// that holds one event stream for all of a browser's tabs.
var (
	//go:embed assets/reload.js
	reloadJS []byte
	//go:embed assets/worker.js
	workerJS []byte
)
