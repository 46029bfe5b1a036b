using Portcullis.Parties.Resolution;

namespace Portcullis.Tests.Simulator;

/// <summary>
/// Fronts belong to groups of a handful that share premises and phones (docs/SIMULATOR.md, "Front
/// organisations"), not to one organisation per pattern whose values end up shared by dozens.
/// </summary>
public sealed class FrontOrganisationTests(SimulatorRuns runs)
{
    [Fact]
    public void A_pattern_is_worked_by_several_groups_of_at_most_ten_fronts_that_share_their_contacts()
    {
        var truth = runs.Month.SelectMany(d => d.PartyTruth).Where(t => t.Organisation is not null).ToList();
        var parties = runs.Month.SelectMany(d => d.NewParties).ToDictionary(p => p.Id);
        var groups = truth.GroupBy(t => t.Organisation!, StringComparer.Ordinal).ToList();

        Assert.All(groups, g => Assert.InRange(g.Count(), 1, 10));
        Assert.True(groups.Count(g => g.Key.StartsWith("front-consignee-fruit/", StringComparison.Ordinal)) >= 2, string.Join(", ", groups.Select(g => $"{g.Key} {g.Count()}")));

        // A front shares a phone or an address (as the network normalises them) with a sibling, apart
        // from careful ones and a group's first front before its siblings exist.
        static IEnumerable<string> Keys(Portcullis.Domain.Cargo.Party p)
        {
            var profile = PartyProfile.Of(new PartyInput(p.Id, p.Name, p.CountryCode, p.Eori, p.Street, p.City, p.Postcode, p.Phone, p.Email));
            if (profile.PhoneE164 is { } phone)
            {
                yield return "phone " + phone;
            }

            if (profile is { Postcode: { } postcode, HouseNumber: { } number })
            {
                yield return $"address {postcode} {number}";
            }
        }

        var inGroups = groups.Where(g => g.Count() > 1).ToList();
        var sharing = inGroups.Sum(g => g.Count(t => g.Any(o => o.PartyId != t.PartyId && Keys(parties[o.PartyId]).Intersect(Keys(parties[t.PartyId])).Any())));
        var fronts = inGroups.Sum(g => g.Count());
        Assert.True(sharing >= 0.6 * fronts, $"{sharing} of {fronts} fronts share a phone or an address with a sibling");
    }
}
