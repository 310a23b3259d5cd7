using Microsoft.EntityFrameworkCore;

namespace AuthApi.DevIdentityProvider;

/// <summary>OpenIddict's applications, authorizations and tokens, in memory: a restart forgets them, which suits development.</summary>
public sealed class DevIdentityDbContext(DbContextOptions<DevIdentityDbContext> options) : DbContext(options);
