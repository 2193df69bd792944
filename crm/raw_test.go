package crm

import (
	"encoding/json"
	"testing"
)

// TestRawValues: one value per field, Set replaces, Delete removes, and
// JSON is the object a map[string]string would make, keys sorted.
func TestRawValues(t *testing.T) {
	var r RawValues
	if v, ok := r.Get("email"); ok || v != "" {
		t.Fatalf("empty Get = %q, %t", v, ok)
	}
	r.Set("phone", "030 1234")
	r.Set("email", " A@B.DE")
	r.Set("Notiz", "x")
	r.Set("phone", "030 5678")
	if len(r) != 3 || r.Value("phone") != "030 5678" || r.Value("email") != " A@B.DE" {
		t.Fatalf("after Set: %v", r)
	}
	c := r.Clone()
	c.Set("email", "changed")
	if r.Value("email") != " A@B.DE" {
		t.Error("Clone shares its values")
	}
	b, err := json.Marshal(struct {
		Raw RawValues `json:"raw,omitempty"`
	}{r})
	if err != nil || string(b) != `{"raw":{"Notiz":"x","email":" A@B.DE","phone":"030 5678"}}` {
		t.Errorf("JSON %s, %v", b, err)
	}
	var back struct{ Raw RawValues }
	if err := json.Unmarshal(b, &back); err != nil || back.Raw.Value("Notiz") != "x" || len(back.Raw) != 3 {
		t.Errorf("JSON back: %v, %v", back.Raw, err)
	}
	r.Delete("phone")
	r.Delete("missing")
	if _, ok := r.Get("phone"); ok || len(r) != 2 {
		t.Errorf("after Delete: %v", r)
	}
	r.Delete("email")
	r.Delete("Notiz")
	if r != nil {
		t.Errorf("emptied RawValues = %#v, want nil", r)
	}
	if b, _ := json.Marshal(struct {
		Raw RawValues `json:"raw,omitempty"`
	}{}); string(b) != `{}` {
		t.Errorf("empty JSON %s", b)
	}
	if m := RawFromMap(map[string]string{"b": "2", "a": "1"}); len(m) != 2 || m[0].Field != "a" || m.Map()["b"] != "2" {
		t.Errorf("RawFromMap = %v", m)
	}
}
