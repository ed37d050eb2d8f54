package status
import ("os";"testing";"github.com/attache-ssg/attache";"github.com/attache-ssg/attache/internal/diag")
func TestZZ(t *testing.T){
 var d diag.List
 r, err := Run(os.DirFS("../.."), attache.Theme(), Options{}, &d)
 if err != nil { t.Fatal(err) }
 for _, x := range d.Sorted() { t.Log(x) }
 r.WriteText(os.Stdout)
 f, _ := os.Create("/tmp/report.html"); r.WriteHTML(f, HTMLOptions{LinkPrefix: "../work/main/"}); f.Close()
 f, _ = os.Create("/tmp/report.json"); r.WriteJSON(f); f.Close()
}
