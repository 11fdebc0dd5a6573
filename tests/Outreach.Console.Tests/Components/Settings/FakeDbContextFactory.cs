using Microsoft.EntityFrameworkCore;
using Outreach.Infrastructure.Data;

namespace Outreach.Console.Tests.Components.Settings;

/// <summary>A database a component test has not got: it counts who asks, then refuses.</summary>
public sealed class FakeDbContextFactory : IDbContextFactory<OutreachDbContext>
{
    public int Requests { get; private set; }

    public OutreachDbContext CreateDbContext()
    {
        Requests++;
        throw new InvalidOperationException("No database in a component test.");
    }
}
