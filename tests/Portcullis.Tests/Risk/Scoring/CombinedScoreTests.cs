using Portcullis.Risk.Scoring;

namespace Portcullis.Tests.Risk.Scoring;

/// <summary>The combined score and the noisy-or, against values worked out by hand.</summary>
public sealed class CombinedScoreTests
{
    private const int Digits = 12;

    [Fact]
    public void Model_and_rules_combine_as_one_minus_the_product_of_the_misses()
    {
        // p = 0.2, λ = 0.5, r = 0.4: 1 − (1 − 0.2)(1 − 0.5·0.4) = 1 − 0.8·0.8 = 0.36.
        Assert.Equal(0.36, CombinedScore.Combine(0.2, 0.4, 0.5), Digits);
        // p = 0.1, λ = 0.25, r = 0.8: 1 − 0.9·(1 − 0.2) = 1 − 0.72 = 0.28.
        Assert.Equal(0.28, CombinedScore.Combine(0.1, 0.8, 0.25), Digits);
    }

    [Fact]
    public void Without_a_model_the_score_is_the_rule_score_whatever_the_trust()
    {
        Assert.Equal(0.7, CombinedScore.Combine(null, 0.7, 0.5), Digits);
        Assert.Equal(0.7, CombinedScore.Combine(null, 0.7, 0), Digits);
        Assert.Equal(0, CombinedScore.Combine(null, 0, 0.5), Digits);
    }

    [Fact]
    public void Without_fired_rules_the_score_is_the_model_probability()
    {
        // r = 0: 1 − (1 − p)·1 = p.
        Assert.Equal(0.3, CombinedScore.Combine(0.3, 0, 0.5), Digits);
        Assert.Equal(0, CombinedScore.Combine(0, 0, 1), Digits);
    }

    [Fact]
    public void Trust_zero_ignores_the_rules_and_trust_one_counts_them_fully()
    {
        Assert.Equal(0.3, CombinedScore.Combine(0.3, 0.9, 0), Digits);
        // λ = 1, p = 0.5, r = 0.6: 1 − 0.5·0.4 = 0.8.
        Assert.Equal(0.8, CombinedScore.Combine(0.5, 0.6, 1), Digits);
    }

    [Fact]
    public void The_bounds_are_reached_but_not_passed()
    {
        // A certain model or a certain, fully trusted rule set gives exactly 1; nothing gives more.
        Assert.Equal(1, CombinedScore.Combine(1, 0, 0.5), Digits);
        Assert.Equal(1, CombinedScore.Combine(0, 1, 1), Digits);
        Assert.Equal(1, CombinedScore.Combine(1, 1, 1), Digits);
        foreach (var p in new[] { 0, 0.25, 0.5, 0.75, 1 })
        {
            foreach (var r in new[] { 0, 0.25, 0.5, 0.75, 1 })
            {
                foreach (var trust in new[] { 0, 0.5, 1 })
                {
                    var score = CombinedScore.Combine(p, r, trust);
                    Assert.InRange(score, 0, 1);
                    // Silent or weak rules never lower the model's probability.
                    Assert.True(score >= p - 1e-15, $"p={p} r={r} λ={trust}: {score}");
                }
            }
        }
    }

    [Fact]
    public void Noisy_or_of_nothing_is_zero_and_of_one_weight_is_that_weight()
    {
        Assert.Equal(0, CombinedScore.NoisyOr([]), Digits);
        Assert.Equal(0.35, CombinedScore.NoisyOr([0.35]), Digits);
    }

    [Fact]
    public void Noisy_or_matches_hand_computed_values()
    {
        // 1 − 0.5·0.8 = 0.6; five rules of 0.1: 1 − 0.9⁵ = 1 − 0.59049 = 0.40951; a certain rule gives 1.
        Assert.Equal(0.6, CombinedScore.NoisyOr([0.5, 0.2]), Digits);
        Assert.Equal(0.40951, CombinedScore.NoisyOr([0.1, 0.1, 0.1, 0.1, 0.1]), Digits);
        Assert.Equal(1, CombinedScore.NoisyOr([1, 0.3]), Digits);
    }

    [Fact]
    public void Noisy_or_across_profiles_equals_noisy_or_over_all_their_rules()
    {
        // Profile A fires 0.5 and 0.2 (0.6), profile B fires 0.3: 1 − 0.4·0.7 = 1 − 0.5·0.8·0.7 = 0.72.
        Assert.Equal(0.72, CombinedScore.NoisyOr([CombinedScore.NoisyOr([0.5, 0.2]), CombinedScore.NoisyOr([0.3])]), Digits);
        Assert.Equal(0.72, CombinedScore.NoisyOr([0.5, 0.2, 0.3]), Digits);
    }
}
