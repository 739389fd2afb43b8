package importer

import (
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want string // RFC 3339 with the zone kept; "" for an error
	}{
		{"Tue, 04 Feb 2025 09:00:00 +0000", "2025-02-04T09:00:00Z"},
		{"Tue, 04 Feb 2025 09:00:00 -0500", "2025-02-04T09:00:00-05:00"},
		{"Tue, 04 Feb 2025 09:00:00 GMT", "2025-02-04T09:00:00Z"},
		{"Tue, 04 Feb 2025 09:00:00 EST", "2025-02-04T09:00:00-05:00"},
		{"Tue, 04 Feb 2025 09:00:00 PDT", "2025-02-04T09:00:00-07:00"},
		{"Tue, 4 Feb 2025 09:00:00 +0100", "2025-02-04T09:00:00+01:00"},
		{"4 Feb 2025 09:00:00 +0100", "2025-02-04T09:00:00+01:00"},
		{"Wed, 04 Feb 2025 09:00:00 +0000", "2025-02-04T09:00:00Z"}, // wrong weekday
		{"Tue, 04 Feb 2025 09:00 +0000", "2025-02-04T09:00:00Z"},
		{"Tuesday, 04 February 2025 09:00:00 +0000", "2025-02-04T09:00:00Z"},
		{"  Tue,  04 Feb 2025   09:00:00 +0000 ", "2025-02-04T09:00:00Z"},
		{"Tue, 04 Feb 25 09:00:00 +0000", "2025-02-04T09:00:00Z"},
		{"2025-02-04T09:00:00+05:30", "2025-02-04T09:00:00+05:30"},
		{"Tue, 04 Feb 2025 09:00:00 +05:30", "2025-02-04T09:00:00+05:30"},
		{"Tue, 04 Feb 2025 09:00:00", ""},     // no zone
		{"Tue, 04 Feb 2025 09:00:00 XYZ", ""}, // unknown zone
		{"yesterday", ""},
		{"", ""},
	}
	for _, tt := range tests {
		got, err := parseDate(tt.in)
		switch {
		case tt.want == "" && err == nil:
			t.Errorf("parseDate(%q) = %s, want an error", tt.in, got)
		case tt.want != "" && err != nil:
			t.Errorf("parseDate(%q): %v", tt.in, err)
		case tt.want != "" && got.Format(time.RFC3339) != tt.want:
			t.Errorf("parseDate(%q) = %s, want %s", tt.in, got.Format(time.RFC3339), tt.want)
		}
	}
}

func TestParseClock(t *testing.T) {
	tests := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"2114", 2114 * time.Second, true},
		{"2114.5", 2114*time.Second + 500*time.Millisecond, true},
		{"35:14", 35*time.Minute + 14*time.Second, true},
		{"0:35:14", 35*time.Minute + 14*time.Second, true},
		{"00:35:14", 35*time.Minute + 14*time.Second, true},
		{"1:02:03.456", time.Hour + 2*time.Minute + 3*time.Second + 456*time.Millisecond, true},
		{"75:30", 75*time.Minute + 30*time.Second, true},
		{"1:2:3", time.Hour + 2*time.Minute + 3*time.Second, true},
		{" 61 ", 61 * time.Second, true},
		{"", 0, false},
		{"1:60", 0, false},
		{"1:2:3:4", 0, false},
		{"-5", 0, false},
		{"1e3", 0, false},
		{"abc", 0, false},
		{"99999999", 0, false}, // past MaxTimestamp
	}
	for _, tt := range tests {
		got, err := parseClock(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("parseClock(%q) = %v, %v; want %v, ok %t", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

func TestParseDateLenient(t *testing.T) {
	tests := []struct {
		in   string
		want string // RFC 3339; "" when it cannot be read
		note string // what the warning says was assumed
	}{
		{"Tue, 04 Feb 2025 09:00:00", "2025-02-04T09:00:00Z", "it has no time zone: read as UTC"},
		{"Tue, 04 Feb 2025 09:00:00 XYZ", "2025-02-04T09:00:00Z", `its zone "XYZ" is unknown: read as UTC`},
		{"Mon, 03 Feb 2025 09:00:00 IST", "2025-02-03T09:00:00Z", "its zone IST may be India +05:30, Ireland +01:00 or Israel +02:00: read as UTC"},
		{"Tue, 04 Feb 2025 09:00", "2025-02-04T09:00:00Z", "it has no time zone: read as UTC"},
		{"2025-02-04T09:00:00", "2025-02-04T09:00:00Z", "it has no time zone: read as UTC"},
		{"2025-02-04 09:00:00", "2025-02-04T09:00:00Z", "it has no time zone: read as UTC"},
		{"2025-02-04", "2025-02-04T00:00:00Z", "it has no time zone: read as UTC"},
		{"4 February 2025", "2025-02-04T00:00:00Z", "it has no time zone: read as UTC"},
		{"February 4, 2025", "2025-02-04T00:00:00Z", "it has no time zone: read as UTC"},
		{"Feb 4, 2025", "2025-02-04T00:00:00Z", "it has no time zone: read as UTC"},
		// Malformed dates hosts write, with their zone.
		{"Wed, 03 Sept 2025 09:00:00 +0000", "2025-09-03T09:00:00Z", ""},
		{"Wed, 3 Sept. 2025 09:00:00 EDT", "2025-09-03T09:00:00-04:00", ""},
		{"Wednesday, 03 September 2025 09:00 +0200", "2025-09-03T09:00:00+02:00", ""},
		{"Wed 03 Sep 2025 09:00:00 PST", "2025-09-03T09:00:00-08:00", ""},
		{"03 SEP 25 09:00 CET", "2025-09-03T09:00:00+01:00", ""},
		{"3 Sep 2025 9:00:00 GMT+1", "2025-09-03T09:00:00+01:00", ""},
		{"Sep 3, 2025 9:00 pm -0500", "2025-09-03T21:00:00-05:00", ""},
		{"September 3, 2025 9:00 AM", "2025-09-03T09:00:00Z", "it has no time zone: read as UTC"},
		{"3 Sep 2025 09:00:00 UTC-05:30", "2025-09-03T09:00:00-05:30", ""},
		{"Fri, 14 Mar 2025 18:00:00 JST", "2025-03-14T18:00:00+09:00", ""},
		{"yesterday", "", ""},
		{"", "", ""},
		{"2025-13-04", "", ""},
		{"Wed, 03 Smarch 2025 09:00:00 +0000", "", ""},
	}
	for _, tt := range tests {
		got, note, ok := parseDateLenient(tt.in)
		switch {
		case tt.want == "" && ok:
			t.Errorf("parseDateLenient(%q) = %s, want none", tt.in, got)
		case tt.want != "" && !ok:
			t.Errorf("parseDateLenient(%q): not read", tt.in)
		case ok && got.Format(time.RFC3339) != tt.want:
			t.Errorf("parseDateLenient(%q) = %s, want %s", tt.in, got.Format(time.RFC3339), tt.want)
		case ok && note != tt.note:
			t.Errorf("parseDateLenient(%q): note %q, want %q", tt.in, note, tt.note)
		}
	}
}

func TestLanguageTag(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"en", "en"}, {"en-us", "en-US"}, {"EN", "en"}, {"en_US", "en-US"}, {"eng", "en"},
		{"English", "en"}, {"english (US)", "en-US"}, {"Deutsch", "de"}, {"German", "de"},
		{"Español - MX", "es-MX"}, {"français", "fr"}, {"日本語", "ja"},
		{"", ""}, {"und", ""}, {"Klingon", ""}, {"sp", ""},
	} {
		got, ok := languageTag(tt.in)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("languageTag(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
}
