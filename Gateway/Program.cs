using PaySim.Gateway.Apis;
using PaySim.Gateway.Merchant;
using PaySim.Grains.Merchant;
using PaySim.Silo.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddPaySimSilo(builder.Configuration.GetSection("PaySim"), typeof(MerchantGrain).Assembly);
builder.Services.AddMerchantGateway(builder.Configuration);
var app = builder.Build();
app.MapGet("/health", () => Results.Ok(new { status = "ok" }));
app.MapMerchantPayApi();
app.MapAggregatorApi();
app.MapCashierApi();
app.MapMerchantAdminApi();
app.Run();

public partial class Program;
