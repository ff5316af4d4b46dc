"""Polar's real spec: the reviewed findings of the schemas and security rules, pinned.

See docs/precision.md (## schemas, ## security) for why each is a true deviation. Skipped when
../shared/corpus is absent. A change here is a change of verdict on a real API: review each
added or removed finding before updating the pins."""

from __future__ import annotations

from collections import Counter

import pytest

from checker.engine.config import Config
from checker.engine.findings import Finding
from checker.engine.runner import check
from checker.load.source import load
from tests.helpers import corpus_file

RULES = {
    "snake-case-fields",
    "separate-write-schemas",
    "partial-update",
    "timestamps",
    "schema-docs",
    "auth-subject",
}

# (rule, method, path, pointer) of every finding but schema-docs', reviewed one by one.
POLAR = {
    ("snake-case-fields", None, None, "/components/schemas/EventMetadataOutput/properties/_cost"),
    ("snake-case-fields", None, None, "/components/schemas/EventMetadataOutput/properties/_llm"),
    (
        "partial-update",
        "patch",
        "/v1/event-types/{id}",
        "/paths/~1v1~1event-types~1{id}/patch/requestBody/content/application~1json/schema",
    ),
    (
        "partial-update",
        "put",
        "/v1/oauth2/register/{client_id}",
        "/paths/~1v1~1oauth2~1register~1{client_id}/put/requestBody/content/application~1json/schema",
    ),
    ("timestamps", None, None, "/components/schemas/BenefitDownloadableFile"),
    ("timestamps", None, None, "/components/schemas/DownloadableFileRead"),
    ("timestamps", None, None, "/components/schemas/OrganizationAvatarFileRead"),
    ("timestamps", None, None, "/components/schemas/ProductMediaFileRead"),
    ("timestamps", None, None, "/components/schemas/SupportCaseAttachmentFileRead"),
}

# schema-docs (info): one finding per schema, at /components/schemas/<name>. Generic models
# are reported once, at their first parametrization (ListResource_BenefitDownloadableFile_).
_SCHEMA_DOCS_NAMES = """
Address AddressDict AddressInput AlreadyActiveSubscriptionError
AlreadyCanceledSubscription AmbiguousExternalCustomerID AttachedCustomField
AuthorizationCodeTokenRequest AuthorizeOrganization AuthorizeResponseOrganization
AuthorizeResponseUser AuthorizeUser BalanceCreditOrderMetadata BalanceDisputeMetadata
BalanceOrderMetadata BalanceRefundMetadata BenefitCustom BenefitCustomCreateProperties
BenefitCustomProperties BenefitCustomSubscriber BenefitCustomSubscriberProperties
BenefitCustomUpdate BenefitDiscord BenefitDiscordCreate BenefitDiscordCreateProperties
BenefitDiscordProperties BenefitDiscordSubscriber BenefitDiscordUpdate
BenefitDownloadableFile BenefitDownloadables BenefitDownloadablesCreate
BenefitDownloadablesCreateProperties BenefitDownloadablesProperties
BenefitDownloadablesSubscriber BenefitDownloadablesSubscriberProperties
BenefitDownloadablesUpdate BenefitFeatureFlag BenefitFeatureFlagSubscriber
BenefitFeatureFlagUpdate BenefitGitHubRepository BenefitGitHubRepositoryCreate
BenefitGitHubRepositorySubscriber BenefitGitHubRepositoryUpdate BenefitGrant
BenefitGrantCustomProperties BenefitGrantCustomWebhook BenefitGrantDiscordProperties
BenefitGrantDiscordWebhook BenefitGrantDownloadablesProperties
BenefitGrantDownloadablesWebhook BenefitGrantError BenefitGrantFeatureFlagProperties
BenefitGrantFeatureFlagWebhook BenefitGrantGitHubRepositoryProperties
BenefitGrantGitHubRepositoryWebhook BenefitGrantLicenseKeysProperties
BenefitGrantLicenseKeysWebhook BenefitGrantMetadata BenefitGrantMeterCreditProperties
BenefitGrantMeterCreditWebhook BenefitGrantSlackSharedChannelProperties
BenefitGrantSlackSharedChannelWebhook BenefitLicenseKeyActivationCreateProperties
BenefitLicenseKeyActivationProperties BenefitLicenseKeyExpirationProperties
BenefitLicenseKeys BenefitLicenseKeysCreate BenefitLicenseKeysCreateProperties
BenefitLicenseKeysProperties BenefitLicenseKeysSubscriber
BenefitLicenseKeysSubscriberProperties BenefitLicenseKeysUpdate BenefitMeterCredit
BenefitMeterCreditCreateProperties BenefitMeterCreditProperties
BenefitMeterCreditSubscriber BenefitMeterCreditSubscriberProperties
BenefitMeterCreditUpdate BenefitPublic BenefitSlackSharedChannel
BenefitSlackSharedChannelCreate BenefitSlackSharedChannelCreateProperties
BenefitSlackSharedChannelProperties BenefitSlackSharedChannelSubscriber
BenefitSlackSharedChannelSubscriberProperties BenefitSlackSharedChannelUpdate
BenefitSubscriberOrganization CannotCreateOrganizationError Checkout
CheckoutBillingAddressFields CheckoutConfirmStripe CheckoutCreatedMetadata
CheckoutDiscountFixedOnceForeverDuration CheckoutDiscountFixedRepeatDuration
CheckoutDiscountPercentageOnceForeverDuration CheckoutDiscountPercentageRepeatDuration
CheckoutLink CheckoutLinkCreateProduct CheckoutLinkCreateProductPrice CheckoutLinkUpdate
CheckoutOrganization CheckoutPriceCreate CheckoutProductCreate CheckoutProductsCreate
CheckoutPublic CheckoutPublicConfirmed CheckoutUpdate CheckoutUpdatePublic
CostMetadata-Output CountAggregation CursorPagination CustomFieldCheckboxProperties
CustomFieldCreateCheckbox CustomFieldCreateDate CustomFieldCreateNumber
CustomFieldCreateSelect CustomFieldCreateText CustomFieldDateProperties
CustomFieldNumberProperties CustomFieldSelectOption CustomFieldSelectProperties
CustomFieldTextProperties CustomFieldUpdateCheckbox CustomFieldUpdateDate
CustomFieldUpdateNumber CustomFieldUpdateSelect CustomFieldUpdateText
CustomerBenefitGrantCustom CustomerBenefitGrantCustomUpdate CustomerBenefitGrantDiscord
CustomerBenefitGrantDiscordPropertiesUpdate CustomerBenefitGrantDiscordUpdate
CustomerBenefitGrantDownloadables CustomerBenefitGrantDownloadablesUpdate
CustomerBenefitGrantFeatureFlag CustomerBenefitGrantFeatureFlagUpdate
CustomerBenefitGrantGitHubRepository CustomerBenefitGrantGitHubRepositoryPropertiesUpdate
CustomerBenefitGrantGitHubRepositoryUpdate CustomerBenefitGrantLicenseKeys
CustomerBenefitGrantLicenseKeysUpdate CustomerBenefitGrantMeterCredit
CustomerBenefitGrantMeterCreditUpdate CustomerBenefitGrantSlackSharedChannel
CustomerBenefitGrantSlackSharedChannelPropertiesUpdate
CustomerBenefitGrantSlackSharedChannelUpdate CustomerCreatedMetadata CustomerCustomerMeter
CustomerCustomerMeterMeter CustomerCustomerSession CustomerDeletedMetadata
CustomerEmailUpdateRequest CustomerEmailUpdateVerifyRequest
CustomerEmailUpdateVerifyResponse CustomerIndividual CustomerIndividualCreate
CustomerNotReady CustomerOrder CustomerOrderProduct CustomerOrderSubscription
CustomerOrganization CustomerOrganizationData CustomerPaymentMethodCard
CustomerPaymentMethodConfirm CustomerPaymentMethodCreate
CustomerPaymentMethodCreateRequiresActionResponse
CustomerPaymentMethodCreateSucceededResponse CustomerPaymentMethodGeneric
CustomerPortalCustomer CustomerPortalCustomerSettings CustomerPortalCustomerUpdate
CustomerPortalOAuthAccount CustomerPortalSubscriptionSettings CustomerPortalUsageSettings
CustomerSeat CustomerSeatAssign CustomerSession CustomerStateBenefitGrant
CustomerStateIndividual CustomerStateSubscription CustomerStateTeam CustomerSubscription
CustomerSubscriptionCancel CustomerSubscriptionMeter CustomerSubscriptionMeterMeter
CustomerSubscriptionPause CustomerSubscriptionProduct CustomerSubscriptionResume
CustomerSubscriptionUpdateClear CustomerSubscriptionUpdateProduct
CustomerSubscriptionUpdateSeats CustomerTeam CustomerTeamCreate CustomerUpdate
CustomerUpdateExternalID CustomerUpdatedFields CustomerUpdatedMetadata DiscountFixedCreate
DiscountFixedOnceForeverDuration DiscountFixedOnceForeverDurationBase
DiscountFixedRepeatDuration DiscountFixedRepeatDurationBase DiscountPercentageCreate
DiscountPercentageOnceForeverDuration DiscountPercentageOnceForeverDurationBase
DiscountPercentageRepeatDuration DiscountPercentageRepeatDurationBase
DiscountRedemptionLimitReached DiscountUpdate DisputeAutoAcceptNotEnabled DisputeCustomer
DisputeNotOpenError DownloadableFileCreate DownloadableFileRead DownloadableRead
EventCreateCustomer EventCreateExternalCustomer EventMetadataOutput EventName EventType
EventTypeUpdate EventTypeWithStats EventsIngest EventsIngestResponse ExistingProductPrice
ExpiredCheckoutError FileDownload FilePatch FileUpload FileUploadCompleted Filter
FilterClause InactiveSubscription IntrospectTokenRequest IntrospectTokenResponse
LLMMetadata LicenseKeyActivate LicenseKeyActivationBase LicenseKeyActivationRead
LicenseKeyCustomer LicenseKeyDeactivate LicenseKeyRead LicenseKeyUpdate LicenseKeyUser
LicenseKeyValidate LicenseKeyWithActivations ListResourceWithCursorPagination_Event_
ListResource_BenefitDownloadableFile_ ManualRetryLimitExceeded MemberCreateFromCustomer
MemberOwnerCreate MemberUpdate MetadataOutputType Meter MeterCreate MeterCreditedMetadata
MeterQuantities MeterQuantity MeterResetMetadata MeterUpdate MetricPeriod Metrics
MetricsTotals MissingInvoiceBillingDetails NotOpenCheckout NotPermitted
OAuth2ClientConfiguration OAuth2ClientConfigurationUpdate OAuth2ClientPublic
OffSessionChargesNotEnabled Order OrderCustomer OrderNotDraft OrderNotEligibleForInvoice
OrderNotEligibleForRetry OrderPaidMetadata OrderProduct OrderRefundedMetadata
OrderSubscription OrderUnvoidedMetadata OrderUser OrderVoidedMetadata Organization
OrganizationAvatarFileCreate OrganizationAvatarFileRead OrganizationCapabilities
OrganizationCompanyLegalEntitySchema OrganizationCreate OrganizationCustomerEmailSettings
OrganizationCustomerPortalSettings OrganizationDetails OrganizationDisputeSettings
OrganizationDisputeSettingsUpdate OrganizationFeatureSettings
OrganizationIndividualLegalEntitySchema OrganizationNotReadyForPayments
OrganizationNotificationSettings OrganizationSocialLink OrganizationSubscriptionSettings
OrganizationUpdate Pagination PauseResumeNotAllowed PaymentActionRequired
PaymentAlreadyInProgress PaymentError PaymentFailed PaymentMethodCard
PaymentMethodCardMetadata PaymentMethodGeneric PaymentMethodInUseByActiveSubscription
PaymentMethodRequired PaymentMethodSetupFailed PaymentNotReady ProductCreateOneTime
ProductCreateRecurring ProductMediaFileCreate ProductMediaFileRead ProductPriceMeteredUnit
ProductUpdate PropertyAggregation RefreshTokenRequest Refund RefundCreate RefundedAlready
ResourceNotFound RevokeTokenRequest RevokeTokenResponse S3DownloadURL
S3FileCreateMultipart S3FileCreatePart S3FileUploadCompletedPart S3FileUploadMultipart
S3FileUploadPart SSOEnforcementRequiresConnection SeatAssign SeatClaim SeatsList
Subscription SubscriptionBillingPeriodUpdatedMetadata SubscriptionCancel
SubscriptionCanceledMetadata SubscriptionCreatedMetadata SubscriptionCustomer
SubscriptionCycledMetadata SubscriptionLocked SubscriptionPastDueMetadata
SubscriptionPause SubscriptionPausedMetadata SubscriptionProductUpdatedMetadata
SubscriptionReactivatedMetadata SubscriptionReinstatedMetadata SubscriptionResume
SubscriptionResumedMetadata SubscriptionRevoke SubscriptionRevokedMetadata
SubscriptionSeatsUpdatedMetadata SubscriptionUncanceledMetadata SubscriptionUpdateBase
SubscriptionUpdateBillingPeriod SubscriptionUpdateClear SubscriptionUpdateClearedMetadata
SubscriptionUpdateSeats SubscriptionUpdatedMetadata SubscriptionUser
SupportCaseAttachmentFileCreate SupportCaseAttachmentFileRead TokenResponse
TrialAlreadyRedeemed Unauthorized UniqueAggregation UserInfoOrganization UserInfoUser
ValidatedLicenseKey WebTokenRequest WebhookBenefitCreatedPayload
WebhookBenefitGrantCreatedPayload WebhookBenefitGrantCycledPayload
WebhookBenefitGrantRevokedPayload WebhookBenefitGrantUpdatedPayload
WebhookBenefitUpdatedPayload WebhookCheckoutCreatedPayload WebhookCheckoutExpiredPayload
WebhookCheckoutUpdatedPayload WebhookCustomerCreatedPayload WebhookCustomerDeletedPayload
WebhookCustomerSeatAssignedPayload WebhookCustomerSeatClaimedPayload
WebhookCustomerSeatRevokedPayload WebhookCustomerStateChangedPayload
WebhookCustomerUpdatedPayload WebhookDiscountCreatedPayload WebhookDiscountDeletedPayload
WebhookDiscountUpdatedPayload WebhookEndpointUpdate WebhookMemberCreatedPayload
WebhookMemberDeletedPayload WebhookMemberUpdatedPayload WebhookOrderCreatedPayload
WebhookOrderPaidPayload WebhookOrderRefundedPayload WebhookOrderUpdatedPayload
WebhookOrganizationUpdatedPayload WebhookProductCreatedPayload
WebhookProductUpdatedPayload WebhookRefundCreatedPayload WebhookRefundUpdatedPayload
WebhookSubscriptionActivePayload WebhookSubscriptionCanceledPayload
WebhookSubscriptionCreatedPayload WebhookSubscriptionCycledPayload
WebhookSubscriptionPastDuePayload WebhookSubscriptionPausedPayload
WebhookSubscriptionResumedPayload WebhookSubscriptionRevokedPayload
WebhookSubscriptionUncanceledPayload WebhookSubscriptionUpdatedPayload
"""
SCHEMA_DOCS = set(_SCHEMA_DOCS_NAMES.split())


@pytest.fixture(scope="module")
def polar_findings() -> list[Finding]:
    source = load(str(corpus_file("polar/openapi.json")))
    return check(source, Config(select=set(RULES)))


def test_polar_findings_are_the_reviewed_ones(polar_findings: list[Finding]) -> None:
    got = {(f.rule, f.method, f.path, f.pointer) for f in polar_findings if f.rule != "schema-docs"}
    assert got - POLAR == set(), "new findings on Polar: review them"
    assert POLAR - got == set(), "reviewed findings no longer found"


def test_polar_schema_docs_are_the_reviewed_ones(polar_findings: list[Finding]) -> None:
    docs = [f for f in polar_findings if f.rule == "schema-docs"]
    assert all(f.method is None and f.path is None for f in docs)
    got = {f.pointer.removeprefix("/components/schemas/") for f in docs}
    assert got - SCHEMA_DOCS == set(), "new schema-docs findings on Polar: review them"
    assert SCHEMA_DOCS - got == set(), "reviewed schema-docs findings no longer found"
    assert len(docs) == len(SCHEMA_DOCS)  # one per schema
    # FastAPI's own error schemas and single parametrizations of generics are not reported.
    assert not got & {"HTTPValidationError", "ValidationError", "ListResource_Product_"}


def test_polar_counts_per_rule(polar_findings: list[Finding]) -> None:
    assert Counter(f.rule for f in polar_findings) == Counter(
        {
            "schema-docs": 416,
            "timestamps": 5,
            "snake-case-fields": 2,
            "partial-update": 2,
        }
    )


def test_polar_public_operations_are_accepted(polar_findings: list[Finding]) -> None:
    """The 13 public operations (OAuth2, checkout by client secret, license-key validation,
    seat claims...) state no security: they are public entry points, not findings."""
    assert [f for f in polar_findings if f.rule in ("auth-subject", "separate-write-schemas")] == []
