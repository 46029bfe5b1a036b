using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Portcullis.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "container_events",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ContainerNumber = table.Column<string>(type: "character varying(11)", maxLength: 11, nullable: false),
                    Type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    OccurredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UnLocode = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    Facility = table.Column<string>(type: "character varying(70)", maxLength: 70, nullable: true),
                    MovementId = table.Column<Guid>(type: "uuid", nullable: true),
                    SealNumber = table.Column<string>(type: "character varying(35)", maxLength: 35, nullable: true),
                    Source = table.Column<string>(type: "character varying(70)", maxLength: 70, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_container_events", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "equipment",
                columns: table => new
                {
                    ContainerNumber = table.Column<string>(type: "character varying(11)", maxLength: 11, nullable: false),
                    SizeType = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: false),
                    Reefer = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_equipment", x => x.ContainerNumber);
                });

            migrationBuilder.CreateTable(
                name: "hubs",
                columns: table => new
                {
                    Code = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_hubs", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "organisations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_organisations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "parties",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CountryCode = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    Eori = table.Column<string>(type: "character varying(17)", maxLength: 17, nullable: true),
                    Aeo = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    FirstSeen = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_parties", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "simulation_ground_truth",
                columns: table => new
                {
                    ConsignmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    ContainerNumber = table.Column<string>(type: "character varying(11)", maxLength: 11, nullable: true),
                    Substance = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Concealment = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Kilograms = table.Column<double>(type: "double precision", nullable: false),
                    Pattern = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_simulation_ground_truth", x => x.ConsignmentId);
                });

            migrationBuilder.CreateTable(
                name: "transport_movements",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Mode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Carrier = table.Column<string>(type: "character varying(35)", maxLength: 35, nullable: false),
                    Reference = table.Column<string>(type: "character varying(35)", maxLength: 35, nullable: false),
                    MeansName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    MeansId = table.Column<string>(type: "character varying(35)", maxLength: 35, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_transport_movements", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "hub_locations",
                columns: table => new
                {
                    HubCode = table.Column<string>(type: "character varying(8)", nullable: false),
                    UnLocode = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Latitude = table.Column<double>(type: "double precision", nullable: false),
                    Longitude = table.Column<double>(type: "double precision", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_hub_locations", x => new { x.HubCode, x.UnLocode });
                    table.ForeignKey(
                        name: "FK_hub_locations_hubs_HubCode",
                        column: x => x.HubCode,
                        principalTable: "hubs",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "accounts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UserName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    DisplayName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Role = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Hubs = table.Column<List<string>>(type: "text[]", nullable: false),
                    PasswordHash = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ExternalSubject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Disabled = table.Column<bool>(type: "boolean", nullable: false),
                    MustChangePassword = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SecurityStamp = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_accounts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_accounts_organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "api_tokens",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Role = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Scopes = table.Column<List<string>>(type: "text[]", nullable: false),
                    Hubs = table.Column<List<string>>(type: "text[]", nullable: false),
                    Prefix = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    SecretHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RevokedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_api_tokens", x => x.Id);
                    table.ForeignKey(
                        name: "FK_api_tokens_organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "consignments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Reference = table.Column<string>(type: "character varying(35)", maxLength: 35, nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Direction = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    HubCode = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    MovementId = table.Column<Guid>(type: "uuid", nullable: true),
                    BookedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DepartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ArrivedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    OriginCountry = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    place_of_receipt = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: true),
                    port_of_loading = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    transshipment_ports = table.Column<List<string>>(type: "text[]", nullable: false),
                    port_of_discharge = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    place_of_delivery = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: true),
                    TotalGrossKg = table.Column<double>(type: "double precision", nullable: false),
                    TotalValueEur = table.Column<double>(type: "double precision", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_consignments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_consignments_hubs_HubCode",
                        column: x => x.HubCode,
                        principalTable: "hubs",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_consignments_transport_movements_MovementId",
                        column: x => x.MovementId,
                        principalTable: "transport_movements",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateTable(
                name: "transport_calls",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MovementId = table.Column<Guid>(type: "uuid", nullable: false),
                    Sequence = table.Column<int>(type: "integer", nullable: false),
                    UnLocode = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    Arrival = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Departure = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_transport_calls", x => x.Id);
                    table.ForeignKey(
                        name: "FK_transport_calls_transport_movements_MovementId",
                        column: x => x.MovementId,
                        principalTable: "transport_movements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "consignment_equipment",
                columns: table => new
                {
                    ConsignmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    ContainerNumber = table.Column<string>(type: "character varying(11)", maxLength: 11, nullable: false),
                    SealNumbers = table.Column<List<string>>(type: "text[]", nullable: false),
                    ReeferSetpointC = table.Column<double>(type: "double precision", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_consignment_equipment", x => new { x.ConsignmentId, x.ContainerNumber });
                    table.ForeignKey(
                        name: "FK_consignment_equipment_consignments_ConsignmentId",
                        column: x => x.ConsignmentId,
                        principalTable: "consignments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_consignment_equipment_equipment_ContainerNumber",
                        column: x => x.ContainerNumber,
                        principalTable: "equipment",
                        principalColumn: "ContainerNumber",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "consignment_parties",
                columns: table => new
                {
                    ConsignmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    Role = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    PartyId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_consignment_parties", x => new { x.ConsignmentId, x.Role });
                    table.ForeignKey(
                        name: "FK_consignment_parties_consignments_ConsignmentId",
                        column: x => x.ConsignmentId,
                        principalTable: "consignments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_consignment_parties_parties_PartyId",
                        column: x => x.PartyId,
                        principalTable: "parties",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "goods_lines",
                columns: table => new
                {
                    ConsignmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    LineNumber = table.Column<int>(type: "integer", nullable: false),
                    HsCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Description = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    Packages = table.Column<int>(type: "integer", nullable: false),
                    PackageType = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    GrossKg = table.Column<double>(type: "double precision", nullable: false),
                    NetKg = table.Column<double>(type: "double precision", nullable: false),
                    ValueEur = table.Column<double>(type: "double precision", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_goods_lines", x => new { x.ConsignmentId, x.LineNumber });
                    table.ForeignKey(
                        name: "FK_goods_lines_consignments_ConsignmentId",
                        column: x => x.ConsignmentId,
                        principalTable: "consignments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "hubs",
                columns: new[] { "Code", "Kind", "Name" },
                values: new object[,]
                {
                    { "FLW", "FlowerAuction", "Flower auctions" },
                    { "NZK", "Seaport", "North Sea Canal area" },
                    { "POST", "Postal", "Postal centre (outbound)" },
                    { "RTM", "Seaport", "Port of Rotterdam" },
                    { "SPL", "Airport", "Schiphol airport" },
                    { "ZWB", "Seaport", "Zeeland and West-Brabant" }
                });

            migrationBuilder.InsertData(
                table: "hub_locations",
                columns: new[] { "HubCode", "UnLocode", "Latitude", "Longitude", "Name" },
                values: new object[,]
                {
                    { "FLW", "NLAAM", 52.265000000000001, 4.7619999999999996, "Aalsmeer" },
                    { "FLW", "NLNDW", 51.994, 4.2089999999999996, "Naaldwijk" },
                    { "FLW", "NLRIB", 52.189999999999998, 4.4409999999999998, "Rijnsburg" },
                    { "NZK", "NLAMS", 52.409999999999997, 4.8200000000000003, "Amsterdam port" },
                    { "NZK", "NLIJM", 52.463000000000001, 4.6050000000000004, "IJmuiden" },
                    { "POST", "NLAMS", 52.334000000000003, 4.8170000000000002, "Amsterdam international mail centre" },
                    { "RTM", "NLRTM", 51.950000000000003, 4.0499999999999998, "Rotterdam (Maasvlakte, Waalhaven, Eemhaven)" },
                    { "SPL", "NLAMS", 52.308, 4.7640000000000002, "Amsterdam Airport Schiphol" },
                    { "ZWB", "NLBOR", 51.433, 3.71, "Borsele (Vlissingen-Oost)" },
                    { "ZWB", "NLMOE", 51.695, 4.5830000000000002, "Moerdijk" },
                    { "ZWB", "NLTNZ", 51.335999999999999, 3.8279999999999998, "Terneuzen" },
                    { "ZWB", "NLVLI", 51.442999999999998, 3.5960000000000001, "Vlissingen" }
                });

            migrationBuilder.CreateIndex(
                name: "IX_accounts_ExternalSubject",
                table: "accounts",
                column: "ExternalSubject",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_accounts_OrganisationId",
                table: "accounts",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_accounts_UserName",
                table: "accounts",
                column: "UserName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_api_tokens_OrganisationId",
                table: "api_tokens",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_api_tokens_SecretHash",
                table: "api_tokens",
                column: "SecretHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_consignment_equipment_ContainerNumber",
                table: "consignment_equipment",
                column: "ContainerNumber");

            migrationBuilder.CreateIndex(
                name: "IX_consignment_parties_PartyId",
                table: "consignment_parties",
                column: "PartyId");

            migrationBuilder.CreateIndex(
                name: "IX_consignments_HubCode_ArrivedAt",
                table: "consignments",
                columns: new[] { "HubCode", "ArrivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_consignments_MovementId",
                table: "consignments",
                column: "MovementId");

            migrationBuilder.CreateIndex(
                name: "IX_consignments_Reference",
                table: "consignments",
                column: "Reference");

            migrationBuilder.CreateIndex(
                name: "IX_container_events_ContainerNumber_OccurredAt",
                table: "container_events",
                columns: new[] { "ContainerNumber", "OccurredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_container_events_UnLocode_OccurredAt",
                table: "container_events",
                columns: new[] { "UnLocode", "OccurredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_goods_lines_HsCode",
                table: "goods_lines",
                column: "HsCode");

            migrationBuilder.CreateIndex(
                name: "IX_organisations_Name",
                table: "organisations",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_parties_Eori",
                table: "parties",
                column: "Eori");

            migrationBuilder.CreateIndex(
                name: "IX_simulation_ground_truth_ContainerNumber",
                table: "simulation_ground_truth",
                column: "ContainerNumber");

            migrationBuilder.CreateIndex(
                name: "IX_transport_calls_MovementId_Sequence",
                table: "transport_calls",
                columns: new[] { "MovementId", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_transport_movements_Carrier_Reference",
                table: "transport_movements",
                columns: new[] { "Carrier", "Reference" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "accounts");

            migrationBuilder.DropTable(
                name: "api_tokens");

            migrationBuilder.DropTable(
                name: "consignment_equipment");

            migrationBuilder.DropTable(
                name: "consignment_parties");

            migrationBuilder.DropTable(
                name: "container_events");

            migrationBuilder.DropTable(
                name: "goods_lines");

            migrationBuilder.DropTable(
                name: "hub_locations");

            migrationBuilder.DropTable(
                name: "simulation_ground_truth");

            migrationBuilder.DropTable(
                name: "transport_calls");

            migrationBuilder.DropTable(
                name: "organisations");

            migrationBuilder.DropTable(
                name: "equipment");

            migrationBuilder.DropTable(
                name: "parties");

            migrationBuilder.DropTable(
                name: "consignments");

            migrationBuilder.DropTable(
                name: "hubs");

            migrationBuilder.DropTable(
                name: "transport_movements");
        }
    }
}
