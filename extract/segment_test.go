package extract

import "testing"

func TestSegment(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"simple", "One. Two three! Four?", []string{"One.", "Two three!", "Four?"}},
		{"quote close", `He said "stop." Then he left.`, []string{`He said "stop."`, "Then he left."}},
		{"quote continues", `"It is over." Polyanskiy said on X.`, []string{`"It is over."`, "Polyanskiy said on X."}},
		{"lower after quote", `"It is over," he said. Done.`, []string{`"It is over," he said.`, "Done."}},
		{"title abbreviation", "Dr. Smith met Gen. Jones. They talked.", []string{"Dr. Smith met Gen. Jones.", "They talked."}},
		{"initials", "John F. Kennedy spoke. Then left.", []string{"John F. Kennedy spoke.", "Then left."}},
		{"us", "U.S. President Joe Biden spoke. It ended.", []string{"U.S. President Joe Biden spoke.", "It ended."}},
		{"decimal", "It rose 2.5 percent. Then fell.", []string{"It rose 2.5 percent.", "Then fell."}},
		{"paragraphs", "First para.\nSecond para. More.", []string{"First para.", "Second para.", "More."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, sents := Segment(tt.text)
			var got []string
			for _, s := range sents {
				got = append(got, s.Of(tt.text))
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("sentence %d = %q, want %q", i, got[i], tt.want[i])
				}
			}
		})
	}
}

func TestLanguage(t *testing.T) {
	if got := Language("Russia has requested an urgent meeting of the UN Security Council on US strikes in Iraq and Syria."); got != "en" {
		t.Errorf("English detected as %q", got)
	}
	if got := Language("Россия запросила срочное заседание Совета Безопасности ООН в связи с ударами США по Ираку и Сирии."); got != "ru" {
		t.Errorf("Russian detected as %q", got)
	}
	if got := Language("ok"); got != "" {
		t.Errorf("short text detected as %q", got)
	}
}

func TestClean(t *testing.T) {
	in := "\ufeff  Hello\u00a0 world\t!\r\n\r\n\r\n“Quoted” — dash\u200b\n"
	want := "Hello world !\n\n“Quoted” — dash"
	if got := Clean(in); got != want {
		t.Errorf("Clean = %q, want %q", got, want)
	}
	if got := Clean("bad \xff byte"); got != "bad \uFFFD byte" {
		t.Errorf("invalid UTF-8: %q", got)
	}
}

func TestLanguageProfiles(t *testing.T) {
	tests := map[string]string{
		"fr": "Le président a déclaré que la France ne participera pas à cette opération, selon un communiqué publié par le ministère.",
		"de": "Der Präsident sagte, dass die Regierung nicht an der Operation teilnehmen wird, wie das Ministerium mitteilte.",
		"es": "El presidente dijo que el gobierno no participará en la operación, según un comunicado publicado por el ministerio.",
		"tr": "Cumhurbaşkanı, hükümetin bu operasyona katılmayacağını söyledi ve bakanlık bir açıklama yaptı, ancak daha sonra bilgi verilecek.",
		"uk": "Президент заявив, що уряд не братиме участі в операції, повідомило міністерство у своїй заяві.",
		"ar": "قال الرئيس إن الحكومة لن تشارك في العملية وفقا لبيان صادر عن الوزارة",
		"fa": "رئیس جمهور گفت که دولت در این عملیات شرکت نخواهد کرد و وزارت خارجه یک بیانیه منتشر کرد",
	}
	for want, text := range tests {
		t.Run(want, func(t *testing.T) {
			if got := Language(text); got != want {
				t.Errorf("Language = %q, want %q", got, want)
			}
		})
	}
}
