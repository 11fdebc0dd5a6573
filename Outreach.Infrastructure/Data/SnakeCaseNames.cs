using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Outreach.Infrastructure.Data;

/// <summary>snake_case for every table, column, key, foreign key and index, so hand-written SQL reads naturally.</summary>
internal static class SnakeCaseNames
{
    private static readonly Dictionary<string, string> IdentityTables = new()
    {
        ["AspNetUsers"] = "users",
        ["AspNetUserClaims"] = "user_claims",
        ["AspNetUserLogins"] = "user_logins",
        ["AspNetUserTokens"] = "user_tokens",
        ["AspNetUserPasskeys"] = "user_passkeys",
    };

    public static void Apply(ModelBuilder builder)
    {
        // Tables first: default key, foreign-key and index names are derived from table names.
        foreach (var entity in builder.Model.GetEntityTypes())
        {
            var table = entity.GetTableName();
            if (table is not null)
            {
                entity.SetTableName(IdentityTables.TryGetValue(table, out var renamed) ? renamed : ToSnake(table));
            }
        }
        foreach (var entity in builder.Model.GetEntityTypes())
        {
            var storeObject = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            foreach (var property in entity.GetProperties())
            {
                var column = property.GetColumnName(storeObject);
                if (column is not null)
                {
                    property.SetColumnName(ToSnake(column));
                }
            }
            foreach (var key in entity.GetKeys())
            {
                key.SetName(ToSnake(key.GetName()!));
            }
            foreach (var foreignKey in entity.GetForeignKeys())
            {
                foreignKey.SetConstraintName(ToSnake(foreignKey.GetConstraintName()!));
            }
            foreach (var index in entity.GetIndexes())
            {
                index.SetDatabaseName(ToSnake(index.GetDatabaseName()!));
            }
        }
    }

    public static string ToSnake(string name)
    {
        var result = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                var previousIsLowerOrDigit = i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]));
                var nextIsLower = i + 1 < name.Length && char.IsLower(name[i + 1]);
                if (i > 0 && name[i - 1] != '_' && (previousIsLowerOrDigit || (nextIsLower && char.IsUpper(name[i - 1]))))
                {
                    result.Append('_');
                }
                result.Append(char.ToLowerInvariant(c));
            }
            else
            {
                result.Append(c);
            }
        }
        return result.ToString();
    }
}
