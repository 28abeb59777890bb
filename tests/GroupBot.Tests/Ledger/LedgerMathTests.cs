using GroupBot.Ledger;

namespace GroupBot.Tests.Ledger;

public sealed class LedgerMathTests
{
    [Theory]
    // 500.000 × 2 % × 2 months = 20.000; 100.000 × 2 % × 3 = 6.000; 150.000 × 2 % × 1 = 3.000;
    // 333.333 × 1,5 % × 4 = 19.999,98 → 20.000 (half a rupiah and more rounds up).
    [InlineData(500_000, 200, 2, 520_000)]
    [InlineData(100_000, 200, 3, 106_000)]
    [InlineData(150_000, 200, 1, 153_000)]
    [InlineData(333_333, 150, 4, 353_333)]
    [InlineData(250_000, 0, 6, 250_000)]
    public void Flat_interest_is_on_the_principal_for_every_month(long principal, int basisPoints, int months, long total) =>
        Assert.Equal(total, LedgerMath.TotalDue(principal, basisPoints, months));

    [Fact]
    public void The_last_installment_takes_what_does_not_divide_and_each_falls_a_month_apart()
    {
        var schedule = LedgerMath.Schedule(106_000, 3, new DateOnly(2027, 1, 22));
        Assert.Equal([35_333L, 35_333L, 35_334L], schedule.Select(i => i.Amount));
        Assert.Equal([new DateOnly(2027, 2, 22), new DateOnly(2027, 3, 22), new DateOnly(2027, 4, 22)], schedule.Select(i => i.Due));

        // From the 31st, a short month takes its last day.
        Assert.Equal(new DateOnly(2027, 2, 28), LedgerMath.Schedule(100_000, 1, new DateOnly(2027, 1, 31))[0].Due);
    }

    [Fact]
    public void Arrears_count_from_the_day_after_an_installment_was_due_and_a_partial_payment_leaves_the_rest_of_it()
    {
        var loan = new Loan { Principal = 500_000, InterestBasisPoints = 200, TermMonths = 2, StartDate = new DateOnly(2026, 12, 25), Status = LoanStatus.Active };
        Assert.Null(LedgerMath.Arrears(loan, 0, new DateOnly(2027, 1, 25))); // due today: not late yet
        Assert.Equal((260_000L, new DateOnly(2027, 1, 25)), LedgerMath.Arrears(loan, 0, new DateOnly(2027, 1, 26)));
        Assert.Equal((60_000L, new DateOnly(2027, 1, 25)), LedgerMath.Arrears(loan, 200_000, new DateOnly(2027, 2, 1)));
        Assert.Equal((60_000L, new DateOnly(2027, 1, 25)), LedgerMath.Next(loan, 200_000)!.Value is var n ? (n.Left, n.Installment.Due) : default);
        Assert.Equal((260_000L, new DateOnly(2027, 2, 25)), LedgerMath.Next(loan, 260_000)!.Value is var m ? (m.Left, m.Installment.Due) : default);
        Assert.Null(LedgerMath.Next(loan, 520_000));
    }

    [Fact]
    public void A_split_by_hand_gives_the_left_over_rupiah_to_the_largest_remainders()
    {
        // 1.000 over 3, 3 and 1 shares: 428,57 + 428,57 + 142,86 → 428, 428, 142 and 2 rupiah left;
        // the remainders are 4, 4 and 6 sevenths: the 1-share member first, then the first 3-share member.
        Assert.Equal([429L, 428L, 143L], LedgerMath.Split(1_000, [3, 3, 1]));
        Assert.Equal([0L, 100L], LedgerMath.Split(100, [0, 5]));
        Assert.Throws<ArgumentException>(() => LedgerMath.Split(100, [0, 0]));
    }

    /// <summary>For any pool (a loss too) and any shares, a split pays out exactly the pool, each part within a rupiah of her exact share, and (a gain) more shares never less.</summary>
    [Fact]
    public void A_share_out_always_pays_out_exactly_the_pool()
    {
        var random = new Random(20261201);
        for (var run = 0; run < 5_000; run++)
        {
            var members = random.Next(1, 40);
            var shares = Enumerable.Range(0, members).Select(_ => random.Next(0, 61)).ToArray();
            if (shares.Sum() == 0)
            {
                shares[0] = 1;
            }

            var pool = run % 10 == 0 ? -random.NextInt64(0, 1_000_000) : random.NextInt64(0, 500_000_000);
            var parts = LedgerMath.Split(pool, shares);
            var total = shares.Sum();
            Assert.True(parts.Sum() == pool, $"pool {pool} over [{string.Join(',', shares)}] paid {parts.Sum()}");
            for (var i = 0; i < members; i++)
            {
                var exact = (decimal)pool * shares[i] / total;
                Assert.True(Math.Abs(parts[i] - exact) < 1, $"pool {pool}, {shares[i]} of {total} shares: {parts[i]} against {exact}");
                for (var j = 0; j < members; j++)
                {
                    Assert.True(pool < 0 || shares[i] <= shares[j] || parts[i] >= parts[j], $"pool {pool}: {shares[i]} shares got {parts[i]}, {shares[j]} shares got {parts[j]}");
                }
            }
        }
    }
}
