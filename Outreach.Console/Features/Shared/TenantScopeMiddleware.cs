namespace Outreach.Console.Features.Shared;

public static class TenantScopeMiddleware
{
    /// <summary>Sets the request's member and tenant scope from the authenticated user.</summary>
    public static IApplicationBuilder UseTenantScope(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            context.RequestServices.GetRequiredService<CurrentMember>().Initialize(context.User);
            await next();
        });
}
