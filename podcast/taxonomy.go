package podcast

import (
	"slices"
	"strings"

	"github.com/podfeed/podfeed/internal/diag"
	"github.com/podfeed/podfeed/internal/tomlx"
)

// taxonomy is the Podcast Taxonomy Project's list (the namespace's
// taxonomy.json) that podcast:person's group and role refer to: each group
// and its roles, in lower case, as apps compare them.
var taxonomy = []struct {
	group string
	roles []string
}{
	{"creative direction", []string{"director", "assistant director", "executive producer", "senior producer", "producer", "associate producer", "development producer", "creative director"}},
	{"cast", []string{"host", "co-host", "guest host", "guest", "voice actor", "narrator", "announcer", "reporter"}},
	// taxonomy.json spells the translator "translater": both are read.
	{"writing", []string{"author", "editorial director", "co-writer", "writer", "songwriter", "guest writer", "story editor", "managing editor", "script editor", "script coordinator", "researcher", "editor", "fact checker", "translator", "translater", "transcriber", "logger"}},
	{"audio production", []string{"studio coordinator", "technical director", "technical manager", "audio engineer", "remote recording engineer", "post production engineer"}},
	{"audio post-production", []string{"audio editor", "sound designer", "foley artist", "composer", "theme music", "music production", "music contributor"}},
	{"administration", []string{"production coordinator", "booking coordinator", "production assistant", "content manager", "marketing manager", "sales representative", "sales manager"}},
	{"visuals", []string{"graphic designer", "cover art designer"}},
	{"community", []string{"social media manager"}},
	// Consultant and intern modify a role of any group.
	{"misc.", []string{"consultant", "intern"}},
	{"video production", []string{"camera operator", "lighting designer", "camera grip", "assistant camera"}},
	{"video post-production", []string{"editor", "assistant editor"}},
}

// DefaultGroup is podcast:person's group when the tag leaves it out.
const DefaultGroup = "cast"

// taxonomyGroups returns the groups, and the groups role is listed in.
func taxonomyGroups(role string) (all, of []string) {
	for _, g := range taxonomy {
		all = append(all, g.group)
		if slices.Contains(g.roles, role) {
			of = append(of, g.group)
		}
	}
	return all, of
}

// taxonomyRoles returns every role of the taxonomy, each once.
func taxonomyRoles() []string {
	var out []string
	for _, g := range taxonomy {
		for _, r := range g.roles {
			if !slices.Contains(out, r) {
				out = append(out, r)
			}
		}
	}
	return out
}

// checkTaxonomy warns, at the person's table pt, when its group or role is
// not in the Podcast Taxonomy Project's list, or its role belongs to
// another group than the one given (or "cast", when none is): apps show
// and group people by that list, and the tag asks for its names. roleGiven
// says whether the table wrote role, which is "host" when it did not.
func checkTaxonomy(pt *tomlx.Table, p Person, roleGiven bool) {
	role, group := strings.ToLower(strings.TrimSpace(p.Role)), strings.ToLower(strings.TrimSpace(p.Group))
	groupGiven := group != ""
	if !groupGiven {
		group = DefaultGroup
	}
	groups, roleGroups := taxonomyGroups(role)
	knownGroup := slices.Contains(groups, group)
	if !knownGroup {
		w := pt.Warnf("group", "%q is not a group of the Podcast Taxonomy Project", p.Group)
		if s := diag.Suggest(group, groups); s != "" {
			w.WithHint("did you mean %q? Apps group people by the taxonomy's groups: %s", s, strings.Join(groups, ", "))
		} else {
			w.WithHint("apps group people by the taxonomy's groups: %s", strings.Join(groups, ", "))
		}
	}
	switch {
	case len(roleGroups) == 0:
		w := pt.Warnf("role", "%q is not a role of the Podcast Taxonomy Project", p.Role)
		if s := diag.Suggest(role, taxonomyRoles()); s != "" {
			w.WithHint("did you mean %q? Apps show the roles of https://podcasttaxonomy.com/", s)
		} else {
			w.WithHint("apps show the roles of https://podcasttaxonomy.com/, such as host, guest, producer or audio engineer")
		}
	case !knownGroup || slices.Contains(roleGroups, group) || slices.Contains(roleGroups, "misc."):
	case !roleGiven:
		pt.Warnf("group", "without a role the person is a host, a role of the group %q, not %q", roleGroups[0], p.Group).
			WithHint("add the person's role in the group %q, such as role = %q", group, firstRole(group))
	case groupGiven:
		pt.Warnf("group", "the role %q belongs to the group %q, not %q", p.Role, roleGroups[0], p.Group).
			WithHint("write group = %q", roleGroups[0])
	default:
		pt.Warnf("role", "the role %q belongs to the group %q; without a group, apps read %q", p.Role, roleGroups[0], DefaultGroup).
			WithHint("add group = %q", roleGroups[0])
	}
}

// firstRole returns the first role of group.
func firstRole(group string) string {
	for _, g := range taxonomy {
		if g.group == group {
			return g.roles[0]
		}
	}
	return ""
}
