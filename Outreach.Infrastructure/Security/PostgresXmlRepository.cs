using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;
using Outreach.Infrastructure.Data;

namespace Outreach.Infrastructure.Security;

/// <summary>
/// Keeps the Data Protection key ring in PostgreSQL. Without a shared ring, a cookie issued by one node
/// cannot be read by another, and sign-in breaks as soon as a load balancer moves a browser.
/// </summary>
internal sealed class PostgresXmlRepository(ISystemDbContextFactory dbFactory, TimeProvider clock) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var db = dbFactory.CreateDbContext();
        return db.DataProtectionKeys.AsNoTracking().OrderBy(k => k.Id).Select(k => k.Xml).ToList()
            .Select(XElement.Parse).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var db = dbFactory.CreateDbContext();
        db.DataProtectionKeys.Add(new DataProtectionKey
        {
            FriendlyName = friendlyName,
            Xml = element.ToString(SaveOptions.DisableFormatting),
            CreatedAt = clock.GetUtcNow(),
        });
        db.SaveChanges();
    }
}
