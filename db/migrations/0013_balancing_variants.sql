ALTER TYPE "public"."balancing_problem" ADD VALUE 'MALBP-1';--> statement-breakpoint
ALTER TYPE "public"."balancing_problem" ADD VALUE 'MALBP-2';--> statement-breakpoint
ALTER TYPE "public"."balancing_problem" ADD VALUE 'UALBP-1';--> statement-breakpoint
ALTER TYPE "public"."balancing_problem" ADD VALUE 'UALBP-2';