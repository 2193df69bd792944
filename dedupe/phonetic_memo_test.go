package dedupe

import (
	"fmt"
	"slices"
	"sync"
	"testing"
)

// TestPhoneticMemo: the remembered codes are the codes, on the first call
// and later ones, from several goroutines at once, and after the shards
// filled up and started afresh.
func TestPhoneticMemo(t *testing.T) {
	names := []string{"mueller", "müller", "schmidt", "schmitt", "nowak", "kowalski", "kowalska", "wojcik", "wójcik", "fleischsalat", "", "x", "christoph", "kristof", "philipp", "filip"}
	for i := range 20 * memoShardSize { // more than all shards hold
		names = append(names, fmt.Sprintf("name%dson", i))
	}
	check := func(s string) error {
		if got, want := cologneOf(s), Cologne(s); got != want {
			return fmt.Errorf("cologneOf(%q) = %q, want %q", s, got, want)
		}
		if got, want := dmOf(s), DaitchMokotoff(s); !slices.Equal(got, want) {
			return fmt.Errorf("dmOf(%q) = %v, want %v", s, got, want)
		}
		return nil
	}
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for range 4 {
		wg.Go(func() {
			for range 2 {
				for _, s := range names {
					if err := check(s); err != nil {
						errs <- err
						return
					}
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// BenchmarkSoundsAlikeRepeated compares the same names again and again,
// as the pairs of one large block do.
func BenchmarkSoundsAlikeRepeated(b *testing.B) {
	names := []string{"mueller", "schmidt", "nowak", "kowalski", "wojcik", "lewandowski", "zielinski", "hoffmann"}
	for b.Loop() {
		for _, x := range names {
			for _, y := range names {
				soundsAlike(x, y)
			}
		}
	}
}
