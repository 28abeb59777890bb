namespace GroupBot.Ledger;

/// <summary>One installment of a loan: its number (1, 2, …), the day it is due, and its amount.</summary>
public readonly record struct Installment(int Number, DateOnly Due, long Amount);

/// <summary>
/// The ledger's arithmetic, in whole rupiah and nothing else: flat interest, the repayment
/// schedule, and the share-out split. Everything the bot tells a member is computed here.
/// </summary>
public static class LedgerMath
{
    /// <summary>Principal plus flat interest on the principal for every month of the term (half a rupiah rounds up).</summary>
    public static long TotalDue(long principal, int interestBasisPoints, int termMonths) =>
        principal + (long)Math.Round((decimal)principal * interestBasisPoints * termMonths / 10_000m, MidpointRounding.AwayFromZero);

    /// <summary>Equal monthly installments from a month after <paramref name="start"/>; the last takes what does not divide evenly.</summary>
    public static IReadOnlyList<Installment> Schedule(long totalDue, int termMonths, DateOnly start)
    {
        var each = totalDue / termMonths;
        return [.. Enumerable.Range(1, termMonths).Select(k => new Installment(k, start.AddMonths(k), k == termMonths ? totalDue - (each * (termMonths - 1)) : each))];
    }

    public static IReadOnlyList<Installment> Schedule(Loan loan) =>
        loan.StartDate is { } start ? Schedule(loan.TotalDue, loan.TermMonths, start) : [];

    /// <summary>What had fallen due by the end of <paramref name="date"/>.</summary>
    public static long DueBy(Loan loan, DateOnly date) => Schedule(loan).Where(i => i.Due <= date).Sum(i => i.Amount);

    /// <summary>The first installment not yet paid in full, and what is left of it; null when all is paid.</summary>
    public static (Installment Installment, long Left)? Next(Loan loan, long repaid)
    {
        var cumulative = 0L;
        foreach (var i in Schedule(loan))
        {
            cumulative += i.Amount;
            if (cumulative > repaid)
            {
                return (i, Math.Min(i.Amount, cumulative - repaid));
            }
        }

        return null;
    }

    /// <summary>Overdue on <paramref name="date"/>: due by the day before minus what was paid, and since when (the first installment not covered).</summary>
    public static (long Amount, DateOnly Since)? Arrears(Loan loan, long repaid, DateOnly date)
    {
        var overdue = DueBy(loan, date.AddDays(-1)) - repaid;
        return overdue > 0 && Next(loan, repaid) is { } next ? (overdue, next.Installment.Due) : null;
    }

    /// <summary>
    /// Splits <paramref name="pool"/> in proportion to <paramref name="shares"/>, in whole rupiah,
    /// so that the parts add up to exactly the pool: everyone gets the whole rupiah of her exact
    /// share, and the rupiah left over go one each to the largest remainders (the most shares first,
    /// then the order given).
    /// </summary>
    /// <exception cref="ArgumentException">No shares at all, or a negative count.</exception>
    public static long[] Split(long pool, IReadOnlyList<int> shares)
    {
        var total = shares.Sum(s => (long)s);
        if (total <= 0 || shares.Any(s => s < 0))
        {
            throw new ArgumentException("A share-out needs shares, none negative.", nameof(shares));
        }

        var parts = new long[shares.Count];
        var remainders = new Int128[shares.Count];
        for (var i = 0; i < shares.Count; i++)
        {
            var exact = (Int128)pool * shares[i];
            parts[i] = (long)Floor(exact, total);
            remainders[i] = exact - ((Int128)parts[i] * total);
        }

        var left = pool - parts.Sum();
        foreach (var i in Enumerable.Range(0, shares.Count).OrderByDescending(i => remainders[i]).ThenByDescending(i => shares[i]).ThenBy(i => i).Take((int)left))
        {
            parts[i]++;
        }

        return parts;
    }

    private static Int128 Floor(Int128 a, long b)
    {
        var q = a / b;
        return a % b < 0 ? q - 1 : q;
    }

    /// <summary>"2%" or "1,5%": basis points as people say a rate.</summary>
    public static string Percent(int basisPoints, System.Globalization.CultureInfo culture) =>
        (basisPoints / 100m).ToString("0.##", culture) + "%";
}
