// The package names a type file it does not ship; this covers the part the project calls.
declare module '@pactflow/swagger-mock-validator' {
  export interface ValidationOutcome {
    code: string;
    message: string;
    mockDetails?: { interactionDescription?: string; location?: string };
    type: 'error' | 'warning';
  }

  export interface ValidationResult {
    success: boolean;
    failureReason?: string;
    errors: ValidationOutcome[];
    warnings: ValidationOutcome[];
  }

  export const SwaggerMockValidatorFactory: {
    create(auth?: string): {
      validate(options: {
        specPathOrUrl: string;
        mockPathOrUrl: string;
      }): Promise<ValidationResult>;
    };
  };
}
