package quote

// The word lists below are closed-class or near closed-class vocabulary of
// English news attribution. They are deliberately general: nothing here is
// specific to one story.

// verb describes a reporting verb form.
type verb struct {
	lemma string
	// partial is set for verbs that introduce only a quoted phrase, not a
	// statement ("called the strikes "a violation"").
	partial bool
	// particle is a word that must follow the verb for it to report
	// speech ("pointed to", "pointed out").
	particle string
	// participle marks -ing forms, which share the subject of the main
	// clause ("…, adding that …").
	participle bool
}

var verbs = func() map[string]verb {
	m := map[string]verb{}
	add := func(lemma string, forms ...string) {
		for _, f := range forms {
			m[f] = verb{lemma: lemma, participle: len(f) > 4 && f[len(f)-3:] == "ing"}
		}
	}
	add("say", "say", "says", "said", "saying")
	add("add", "add", "adds", "added", "adding")
	add("state", "state", "states", "stated", "stating")
	add("tell", "tell", "tells", "told", "telling")
	add("announce", "announce", "announces", "announced", "announcing")
	add("write", "write", "writes", "wrote", "writing")
	add("claim", "claim", "claims", "claimed", "claiming")
	add("warn", "warn", "warns", "warned", "warning")
	add("deny", "deny", "denies", "denied", "denying")
	add("confirm", "confirm", "confirms", "confirmed", "confirming")
	add("report", "reports", "reported")
	add("explain", "explain", "explains", "explained", "explaining")
	add("stress", "stress", "stresses", "stressed", "stressing")
	add("note", "notes", "noted", "noting")
	add("accuse", "accuse", "accuses", "accused", "accusing")
	add("reveal", "reveal", "reveals", "revealed", "revealing")
	add("indicate", "indicate", "indicates", "indicated", "indicating")
	add("clarify", "clarify", "clarifies", "clarified", "clarifying")
	add("insist", "insist", "insists", "insisted", "insisting")
	add("argue", "argue", "argues", "argued", "arguing")
	add("acknowledge", "acknowledge", "acknowledges", "acknowledged", "acknowledging")
	add("admit", "admit", "admits", "admitted", "admitting")
	add("emphasize", "emphasize", "emphasizes", "emphasized", "emphasizing", "emphasise", "emphasises", "emphasised", "emphasising")
	add("declare", "declare", "declares", "declared", "declaring")
	add("tweet", "tweet", "tweets", "tweeted", "tweeting")
	add("post", "posted")
	add("suggest", "suggest", "suggests", "suggested", "suggesting")
	add("remind", "remind", "reminds", "reminded", "reminding")
	add("allege", "allege", "alleges", "alleged", "alleging")
	add("assert", "assert", "asserts", "asserted", "asserting")
	add("ask", "asked", "asks")
	add("reply", "replied", "replies")
	add("respond", "responded")
	add("continue", "continued")
	add("recall", "recalled", "recalls")
	add("conclude", "concluded")
	add("comment", "commented")
	add("affirm", "affirmed", "affirms")
	add("underline", "underlined")
	add("predict", "predicted")
	add("promise", "promised", "pledged", "vowed", "vows", "promises", "pledges")
	add("complain", "complained")
	add("quote", "quoted")
	add("contend", "contended")
	add("maintain", "maintained")
	add("believe", "believes")
	add("tell", "informed")
	add("remark", "remarked", "remarks")
	add("observe", "observed", "observes")
	add("mention", "mentioned", "mentions")
	add("reiterate", "reiterated", "reiterates", "reiterating")
	add("concede", "conceded", "concedes", "conceding")
	add("disclose", "disclosed", "discloses")
	add("lament", "lamented", "laments")
	add("caution", "cautioned", "cautions")
	add("testify", "testified", "testifies")
	add("exclaim", "exclaimed")
	add("boast", "boasted")
	add("joke", "joked")
	add("counter", "countered")
	add("retort", "retorted")
	add("shout", "shouted")
	add("confess", "confessed")
	add("speculate", "speculated")
	add("estimate", "estimated", "estimates")
	add("threaten", "threatened")
	add("proclaim", "proclaimed")
	add("answer", "answered")
	add("wonder", "wondered")
	add("question", "questioned")
	add("enthuse", "enthused", "enthuses")
	add("gush", "gushed")
	add("quip", "quipped")
	add("snap", "snapped")
	add("sigh", "sighed")
	add("laugh", "laughed")
	for _, f := range []string{"point", "points", "pointed", "pointing"} {
		m[f] = verb{lemma: "point", particle: "to|out"}
	}
	for _, f := range []string{"call", "calls", "called", "calling", "describe", "describes", "described",
		"describing", "term", "termed", "dub", "dubbed", "deem", "deems", "deemed", "deeming", "brand",
		"branded", "label", "labelled", "labeled", "dismissed", "slammed", "hailed", "praised", "condemned",
		"denounced", "expressed", "urged", "demanded"} {
		m[f] = verb{lemma: f, partial: true, participle: len(f) > 4 && f[len(f)-3:] == "ing"}
	}
	return m
}()

// auxiliaries and adverbs that may stand between a subject and its
// reporting verb ("she has also said", "he later added").
var between = set("has", "have", "had", "also", "later", "then", "again", "further", "earlier",
	"previously", "reportedly", "repeatedly", "recently", "once", "would", "will", "was", "is",
	"did", "does", "not", "quickly", "separately", "similarly", "however", "meanwhile", "too",
	"publicly", "privately", "bluntly", "angrily", "firmly", "clearly", "strongly", "explicitly",
	"openly", "flatly", "on", "in", "a", "an", "the", "at", "to", "for", "with", "during", "today",
	"yesterday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
	"statement", "interview", "briefing", "conference", "press", "news", "written", "separate",
	"joint", "media", "interaction", "televised", "address", "speech", "post", "message", "x",
	"twitter", "telegram", "facebook", "instagram", "only", "just", "first", "been", "being")

// pronouns that can refer to a speaker, with the person kind they need.
var pronouns = map[string]gender{
	"he": male, "she": female, "they": plural, "it": neuter, "we": plural, "i": unknownGender,
}

// personRoles are nouns that name a person by their role, usable as a
// back-reference to a speaker ("the spokeswoman added").
var personRoles = set("spokesman", "spokeswoman", "spokesperson", "spokespersons", "minister", "president",
	"envoy", "ambassador", "official", "officer", "commander", "chief", "head", "diplomat", "secretary",
	"director", "leader", "governor", "mayor", "adviser", "advisor", "analyst", "witness", "resident",
	"source", "lawmaker", "senator", "general", "prosecutor", "lawyer", "representative", "chairman",
	"chairwoman", "chair", "premier", "chancellor", "king", "queen", "emir", "prince", "expert",
	"activist", "doctor", "medic", "journalist", "reporter", "correspondent", "negotiator", "mediator",
	"militant", "fighter", "soldier", "survivor", "father", "mother", "man", "woman", "officials",
	"sources", "witnesses", "residents", "activists", "analysts", "experts", "diplomats", "lawmakers",
	"leaders", "medics", "doctors", "organizers", "protesters", "rescuers", "spokespeople", "aide",
	"aides", "pilot", "captain", "colonel", "judge", "ceo", "founder", "owner", "manager", "economist",
	"researcher", "scientist", "professor", "teacher", "student", "farmer", "worker", "driver",
	"deputy", "counterpart", "cleric", "mufti", "patriarch", "pope", "speaker", "candidate",
	"presenter", "host", "vice-president", "vice", "premier", "attorney", "coordinator", "charge",
	"executive", "rebels", "insurgents", "protesters", "demonstrators", "farmers", "traders", "investors",
	"envoys", "ministers", "lawyers", "relatives", "survivors", "parents", "teachers", "workers", "critics",
	"commissioner", "coach", "detective", "inspector", "chairperson", "producer", "writer", "author",
	"co-author", "actor", "actress", "singer", "artist", "designer", "architect", "engineer", "player",
	"star", "agent", "publicist", "filmmaker", "novelist", "poet", "historian", "biographer")

// femaleRoles and maleRoles give a role's gender when it has one.
var femaleRoles = set("spokeswoman", "chairwoman", "queen", "woman", "mother", "ms", "mrs", "madam",
	"miss", "princess", "congresswoman", "businesswoman", "sister", "daughter", "wife", "lady")
var maleRoles = set("spokesman", "chairman", "king", "man", "father", "mr", "sir", "prince", "emir",
	"sheikh", "congressman", "businessman", "brother", "son", "husband", "pope", "patriarch", "lord")

// orgNouns are nouns that name an organization by its kind, usable as a
// back-reference ("the ministry said") and as the head of an
// organization's name ("Russian Foreign Ministry").
var orgNouns = set("ministry", "embassy", "department", "government", "presidency", "office", "army",
	"military", "command", "agency", "council", "committee", "commission", "parliament", "court",
	"police", "party", "company", "group", "groups", "movement", "administration", "cabinet",
	"authority", "authorities", "coalition", "forces", "force", "militia", "organization",
	"organisation", "union", "alliance", "presidency", "ministries", "mission", "navy", "corps", "guard", "kremlin", "pentagon",
	"network", "channel", "broadcaster", "newspaper", "outlet", "firm", "bank", "fund", "board",
	"directorate", "service", "services", "brigades", "front", "assembly", "senate", "congress",
	"house", "institute", "university", "foundation", "association", "center", "centre", "team",
	"federation", "secretariat", "bureau", "consulate", "regime", "junta", "palace", "side",
	"prosecutors", "inc", "corp", "ltd", "corporation", "news", "press", "times", "post", "tv",
	"television", "radio", "agencies", "chronicle", "herald", "journal", "observatory", "organizations",
	"ngo", "un", "nations", "resistance", "presidium", "headquarters", "staff", "airways", "airlines",
	"gazette", "tribune", "telegraph", "courier", "daily", "monitor", "observer", "guardian", "magazine",
	"weekly", "broadcaster", "airline", "club", "rovers", "united", "city", "fc", "unions", "wing",
	"treasury", "ministries", "bureau", "secretariat", "tribunal", "inquiry",
	// Company names and named things that are not persons.
	"motors", "motor", "holdings", "systems", "technologies", "industries", "co", "plc", "llc", "ag",
	"nv", "gmbh", "energy", "petroleum", "oil", "pharmaceuticals", "airport", "flight", "road", "street",
	"avenue", "square", "river", "bridge", "hospital", "school", "stadium", "station", "tower", "park",
	"province", "county", "district", "state", "region", "island", "islands", "valley", "mountains",
	"sea", "ocean", "gulf", "bay", "strait", "canal", "highway", "port", "prison", "camp", "mosque",
	"church", "cathedral", "temple", "museum", "hotel", "market", "exchange", "index", "fund", "act",
	"treaty", "accord", "convention", "program", "programme", "project", "plan", "summit",
	"conference", "games", "cup", "league", "championship", "festival", "award", "prize")

// statementNouns name an utterance; as the subject of a reporting verb
// ("a message published on Telegram says") they point to the speaker in
// context.
var statementNouns = set("statement", "message", "post", "communique", "communiqué", "release",
	"letter", "report", "tweet", "declaration", "note", "announcement", "notice", "bulletin",
	"video", "speech", "address", "text", "document")

// titleWords are capitalized words that precede a name as a title or role
// and are not part of the name ("Deputy Envoy", "Foreign Minister").
var titleWords = set("president", "vice", "prime", "minister", "ministry", "secretary", "spokesman",
	"spokeswoman", "spokesperson", "envoy", "ambassador", "deputy", "first", "permanent",
	"representative", "chief", "head", "director", "general", "commander", "governor", "mayor",
	"senator", "sen", "rep", "chairman", "chairwoman", "chair", "king", "queen", "prince", "princess",
	"sheikh", "emir", "leader", "officer", "official", "adviser", "advisor", "colonel", "col", "lt",
	"lieutenant", "major", "maj", "captain", "capt", "sergeant", "sgt", "admiral", "adm", "gen", "mr",
	"mrs", "ms", "dr", "prof", "professor", "foreign", "defense", "defence", "interior", "state",
	"affairs", "charge", "d'affaires", "coordinator", "correspondent", "editor", "member", "mp",
	"lawmaker", "pope", "rabbi", "imam", "cleric", "ayatollah", "chancellor", "premier", "speaker",
	"counselor", "counsellor", "attorney", "executive", "ceo", "founder", "manager", "acting",
	"former", "top", "senior", "of", "the", "to", "for", "and", "national", "security", "justice",
	"finance", "economy", "health", "education", "information", "culture", "trade", "energy",
	"oil", "army", "navy", "air", "staff", "joint", "chiefs", "special", "high", "supreme", "grand",
	"mufti", "patriarch", "judge", "justice", "inspector", "superintendent", "detective", "marshal",
	"brigadier", "field", "air", "vice-president", "under", "assistant", "associate", "executive",
	"press", "communications", "media", "government", "white", "house", "council", "committee",
	"mission", "delegation", "nations", "united", "federal", "central", "regional", "provincial",
	"local", "county", "city", "district", "pentagon", "kremlin", "embassy", "department", "office",
	"agency", "command", "forces", "force", "military", "armed", "revolutionary", "republic",
	"democratic", "people's", "islamic", "arab", "european", "african", "asian", "american",
	"news", "agency", "network", "channel", "tv", "radio", "post", "times", "reuters", "afp",
	"ap", "presidency", "parliament", "cabinet", "administration", "authority", "commission",
	"union", "league", "party", "movement", "front", "group", "coalition", "alliance", "corps",
	"guard", "guards", "brigade", "brigades", "regime", "court", "police", "diplomat", "lady",
	"commissioner", "coach", "detective", "secretary-general", "director-general", "chairperson",
	"president-elect", "undersecretary", "negotiator", "economist", "analyst", "transport",
	"agriculture", "labour", "labor", "environment", "housing", "commerce", "industry", "tourism",
	"transportation", "communications", "veterans", "homeland", "treasury", "general's", "opposition",
	"defender", "public", "solicitor", "counsel", "magistrate", "sheriff", "constable", "const", "assistant",
	"deputy", "district", "chief", "officer", "trooper", "sergeant", "corporal", "private", "principal")

// nationalities are adjectives of place that may open a title ("Russian
// Deputy Envoy") and never name a speaker on their own.
var nationalities = set("russian", "iranian", "iraqi", "syrian", "american", "british", "israeli",
	"palestinian", "chinese", "french", "german", "turkish", "saudi", "egyptian", "jordanian",
	"lebanese", "yemeni", "ukrainian", "qatari", "emirati", "indian", "pakistani", "afghan",
	"japanese", "korean", "european", "italian", "spanish", "canadian", "australian", "greek",
	"dutch", "swiss", "swedish", "polish", "kurdish", "houthi", "omani", "kuwaiti", "bahraini",
	"libyan", "tunisian", "algerian", "moroccan", "sudanese", "ethiopian", "kenyan", "nigerian",
	"south", "north", "east", "west", "western", "eastern", "northern", "southern", "brazilian",
	"mexican", "argentine", "venezuelan", "colombian", "cuban", "belarusian", "georgian",
	"armenian", "azerbaijani", "kazakh", "uzbek", "guyanese", "irish", "scottish", "welsh",
	"english", "norwegian", "danish", "finnish", "austrian", "belgian", "hungarian", "czech",
	"romanian", "bulgarian", "serbian", "croatian", "bosnian", "albanian", "portuguese",
	"vietnamese", "thai", "indonesian", "malaysian", "filipino", "burmese", "bangladeshi",
	"nepali", "sri", "lankan", "us", "u.s.", "uk", "u.k.", "un", "u.n.", "eu", "nato", "gulf",
	"shiite", "sunni", "muslim", "christian", "jewish", "arab", "international", "global")

// nonNames are capitalized words that start sentences or name times and
// are never speakers.
var nonNames = set("the", "a", "an", "this", "that", "these", "those", "it", "he", "she", "they",
	"we", "i", "you", "his", "her", "their", "its", "our", "my", "your", "in", "on", "at", "by", "for",
	"from", "with", "after", "before", "during", "meanwhile", "earlier", "later", "however",
	"although", "but", "and", "also", "then", "when", "while", "as", "if", "since", "simultaneously",
	"according", "commenting", "last", "next", "some", "many", "most", "monday", "tuesday",
	"wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
	"april", "may", "june", "july", "august", "september", "october", "november", "december",
	"breaking", "update", "read", "watch", "photo", "video", "yet", "still", "so", "thus", "there",
	"here", "what", "who", "why", "how", "where", "which", "all", "both", "each", "every", "no",
	"not", "one", "two", "three", "several", "such", "other", "another", "today", "yesterday",
	"tomorrow", "now", "just", "even", "only", "asked", "speaking", "addressing", "instead",
	"despite", "under", "over", "into", "through", "against", "between", "among", "without",
	"further", "moreover", "furthermore", "indeed", "again", "finally", "first", "second",
	"separately", "similarly", "likewise", "nevertheless", "nonetheless", "otherwise", "besides",
	"sources", "officials", "witnesses", "residents", "reportedly", "allegedly", "do", "does", "did",
	"is", "are", "was", "were", "be", "has", "have", "had", "will", "would", "can", "could", "should",
	"must", "may", "might", "of", "to", "our", "me", "him", "them",
	"mon", "tue", "wed", "thu", "fri", "sat", "sun", "jan", "feb",
	"mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "pic", "via", "source",
	"others", "am", "pm", "utc", "gmt", "est", "edt", "cet", "bst", "pst")

// femaleNames and maleNames are common given names in world news, used
// only to choose between "he" and "she"; an unknown name fits both.
var femaleNames = set("maria", "mary", "anna", "ana", "samantha", "alina", "hillary", "kamala",
	"nancy", "angela", "theresa", "ursula", "liz", "elizabeth", "jacinda", "marine", "golda",
	"sarah", "sara", "fatima", "aisha", "layla", "leila", "olga", "natalia", "tatiana", "elena",
	"irina", "svetlana", "yulia", "julia", "nikki", "linda", "karine", "jen", "jennifer", "susan",
	"catherine", "kate", "anne", "annalena", "kaja", "giorgia", "sanna", "mette", "jill", "michelle",
	"laura", "emma", "claudia", "christine", "margaret", "helen", "rania", "hanan", "zeinab", "maryam",
	"nadia", "rasha", "hoda", "mona", "noura", "amal", "yasmin", "yasmine", "lina", "dina", "rima",
	"reem", "tzipi", "ayelet", "sigrid", "francesca", "lucy", "rachel", "rebecca", "victoria",
	"valentina", "ekaterina", "marina", "ludmila", "lyudmila", "oksana", "iryna", "nataliya",
	"ella", "agnes", "lisa", "amy", "joan", "joanna", "melania", "kristi", "antonia", "sofia", "sophie",
	"alice", "emily", "olivia", "isabel", "isabella", "carmen", "lucia", "ines", "eva", "ingrid", "helga",
	"karin", "nadia", "ruth", "claire", "clara", "marta", "leah", "ilse", "mara", "amira", "rosa")
var maleNames = set("joe", "john", "james", "dmitry", "dmitri", "vladimir", "sergei", "sergey",
	"nasser", "bassem", "fahd", "lloyd", "david", "donald", "barack", "george", "bill", "antony",
	"benjamin", "ali", "mohammed", "muhammad", "mohammad", "ahmed", "ahmad", "hassan", "hussein",
	"ibrahim", "ismail", "abdullah", "omar", "khalid", "mahmoud", "mustafa", "recep", "emmanuel",
	"olaf", "rishi", "boris", "keir", "xi", "wang", "narendra", "volodymyr", "yoav", "isaac",
	"michael", "robert", "william", "richard", "thomas", "charles", "mark", "paul", "peter",
	"andrew", "matthew", "jake", "jens", "mike", "mikhail", "alexander", "alexei", "aleksandr",
	"nikolai", "yuri", "ivan", "ayman", "yahya", "ismail", "hamid", "saeed", "hossein",
	"ebrahim", "masoud", "abbas", "bashar", "fuad", "mahmud", "tayyip", "jean", "pierre",
	"francois", "frank", "karl", "hans", "stefan", "luis", "carlos", "jose", "juan", "antonio",
	"lula", "javier", "kim", "moon", "abu", "sheikh", "khaled", "walid", "nabil", "samir", "tariq",
	"yusuf", "youssef", "amir", "hadi", "mohsen", "kareem", "karim", "tony", "ron", "chuck", "ned",
	"matt", "steve", "jim", "tom", "dan", "daniel", "gabriel", "adam", "noah", "eli", "avi", "tzachi")

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// properInstitutions are nouns that, capitalized, name one institution by
// themselves ("the Pentagon", "the Kremlin") rather than refer back to an
// organization named before ("the ministry").
var properInstitutions = set("pentagon", "kremlin", "vatican", "elysee", "élysée", "knesset", "duma", "bundestag",
	"congress", "senate", "quai", "foggy", "downing", "bundeswehr", "politburo", "majlis", "rada", "sejm")
